using Gatekeeper.Domain.Applications;

namespace Gatekeeper.Web.Components.Pages.Applications.Display;

/// <summary>One status change to show on a timeline; the application is named when the timeline spans several.</summary>
public sealed record TimelineEntry(StatusTransition Transition, Guid ApplicationId, string? Reference = null, string? Title = null);
