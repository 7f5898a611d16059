namespace DeepSeek.Observe.Detection.Logs;

/// <summary>Recognises the fault signature of a log line (e.g. <c>xid_79</c>, <c>nccl_timeout</c>, <c>cuda_oom</c>).</summary>
public interface IFaultSignatureClassifier
{
    /// <summary>The signature of <paramref name="line"/>, or null when it shows none.</summary>
    string? Classify(string line);
}
