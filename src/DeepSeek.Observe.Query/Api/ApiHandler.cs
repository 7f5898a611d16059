using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql;

namespace DeepSeek.Observe.Query.Api;

/// <summary>Runs an API handler with Prometheus's error contract: bad input becomes a JSON error, never a 500.</summary>
internal static class ApiHandler
{
    public static async Task<IResult> RunAsync(HttpRequest request, Func<ApiParameters, IResult> handle, CancellationToken cancellationToken)
    {
        try
        {
            return handle(await ApiParameters.ReadAsync(request, cancellationToken));
        }
        catch (ApiException error)
        {
            return ApiResults.Error(error);
        }
        catch (PromqlParseException ex)
        {
            return ApiResults.Error(ApiException.BadData(ex.Message, ex));
        }
        catch (StoreUnavailableException ex)
        {
            return ApiResults.Error(ApiException.Unavailable($"store cannot be read now: {ex.Message}", ex));
        }
    }
}
