namespace DeepSeek.Observe.Scrape.Internal.Api;

/// <summary>The <c>data</c> of <c>/api/v1/targets</c>.</summary>
internal sealed record TargetsView(IReadOnlyList<ActiveTargetView> ActiveTargets, IReadOnlyList<object> DroppedTargets);
