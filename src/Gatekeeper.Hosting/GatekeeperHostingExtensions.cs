using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace Gatekeeper.Hosting;

public static class GatekeeperHostingExtensions
{
    public const string ActivitySourceName = "Gatekeeper";

    /// <summary>Structured logging, OpenTelemetry, health checks and validated shared options.</summary>
    public static TBuilder AddGatekeeperDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("service", serviceName);
            if (builder.Configuration.GetValue("Gatekeeper:Logging:Json", !builder.Environment.IsDevelopment()))
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        });

        builder.Services.AddOptions<GatekeeperOptions>()
            .Bind(builder.Configuration.GetSection(GatekeeperOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section));

        var otlp = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>()?.OtlpEndpoint;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t =>
            {
                t.AddSource(ActivitySourceName).AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/_blazor"));
                if (otlp is not null) t.AddOtlpExporter(o => o.Endpoint = otlp);
            })
            .WithMetrics(m =>
            {
                m.AddMeter(ActivitySourceName).AddAspNetCoreInstrumentation();
                if (otlp is not null) m.AddOtlpExporter(o => o.Endpoint = otlp);
            });

        builder.Services.AddHealthChecks();
        return builder;
    }

    /// <summary>The configured data folder as an absolute path (relative paths are under the content root).</summary>
    public static string ResolveDataFolder(this GatekeeperOptions options, IHostEnvironment environment) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataFolder) ? "data" : options.DataFolder, environment.ContentRootPath);

    /// <summary><c>/healthz</c>: JSON with each check's status; 503 when any is unhealthy. Anonymous (for load balancers), no data.</summary>
    public static WebApplication MapGatekeeperHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
