namespace DeepSeek.Observe.Core;

/// <summary>One name/value pair of a series' identity.</summary>
public readonly record struct Label(string Name, string Value)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}=\"{LabelNames.EscapeValue(Value)}\"";
}
