using Microsoft.Extensions.Options;

namespace DeepSeek.Observe.Storage.Internal;

/// <summary>Checks what data annotations cannot: that the connection string parses.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Kind == StoreKind.PostgreSql && !PostgresConnectionString.TryValidate(options.Postgres, out var error))
        {
            return ValidateOptionsResult.Fail($"Storage:Postgres (--postgres / OBSERVE_POSTGRES): {error}");
        }

        return ValidateOptionsResult.Success;
    }
}
