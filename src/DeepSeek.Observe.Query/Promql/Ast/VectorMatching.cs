namespace DeepSeek.Observe.Query.Promql.Ast;

/// <summary>How samples of the two sides of a vector-vector operation pair up.</summary>
public enum VectorMatchCardinality
{
    OneToOne,
    ManyToOne,
    OneToMany,
    ManyToMany,
}

/// <summary>
/// <c>on (...)</c> / <c>ignoring (...)</c> and <c>group_left (...)</c> / <c>group_right (...)</c>.
/// <see cref="On"/> says whether <see cref="MatchingLabels"/> are the labels to match on or to ignore;
/// <see cref="Include"/> are the extra labels copied from the "one" side.
/// </summary>
public sealed record VectorMatching(VectorMatchCardinality Card, IReadOnlyList<string> MatchingLabels, bool On, IReadOnlyList<string> Include)
{
    public override string ToString()
    {
        if (!On && MatchingLabels.Count == 0 && Card is VectorMatchCardinality.OneToOne or VectorMatchCardinality.ManyToMany)
        {
            return string.Empty;
        }

        var text = $" {(On ? "on" : "ignoring")} ({string.Join(", ", MatchingLabels)})";
        return Card switch
        {
            VectorMatchCardinality.ManyToOne => $"{text} group_left ({string.Join(", ", Include)})",
            VectorMatchCardinality.OneToMany => $"{text} group_right ({string.Join(", ", Include)})",
            _ => text,
        };
    }
}
