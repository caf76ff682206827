using Gatekeeper.Hosting;
using Gatekeeper.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddGatekeeperDefaults("gatekeeper-web");
builder.AddGatekeeperWeb();

var app = builder.Build();
await app.InitializeGatekeeperAsync();
app.UseGatekeeperWeb();
await app.RunAsync();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
