namespace DeepSeek.Observe.Core.Logs;

/// <summary>The order a log query returns lines in; Loki's default is newest first.</summary>
public enum LogDirection
{
    /// <summary>Newest first: <c>limit</c> keeps the latest lines.</summary>
    Backward,

    /// <summary>Oldest first: <c>limit</c> keeps the earliest lines.</summary>
    Forward,
}
