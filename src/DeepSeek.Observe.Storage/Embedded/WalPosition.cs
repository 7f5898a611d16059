namespace DeepSeek.Observe.Storage.Embedded;

/// <summary>Where a record starts in the write-ahead log: its segment's number and its byte offset there.</summary>
internal readonly record struct WalPosition(int Segment, long Offset);
