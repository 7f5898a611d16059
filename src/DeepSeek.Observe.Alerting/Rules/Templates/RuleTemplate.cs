namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>
/// A label or annotation template of an alerting rule, parsed once at load time. Expansion never throws: like
/// Prometheus, a failure becomes the text <c>&lt;error expanding template: …&gt;</c> in the value.
/// </summary>
public sealed class RuleTemplate
{
    /// <summary>Longest expansion; bounds what a template looping over nothing but text could produce.</summary>
    public const int MaxOutputLength = 64 * 1024;

    // The variables Prometheus defines before every alert template (rules/alerting.go's defs).
    private static readonly string[] s_variables = ["$labels", "$externalLabels", "$externalURL", "$value"];

    private readonly string _name;
    private readonly IReadOnlyList<TemplateNode>? _nodes;

    private RuleTemplate(string text, string name, IReadOnlyList<TemplateNode>? nodes)
    {
        Text = text;
        _name = name;
        _nodes = nodes;
    }

    /// <summary>The template source as written in the rule file.</summary>
    public string Text { get; }

    /// <summary>Whether expansion can change the text (it contains an action).</summary>
    public bool IsConstant => _nodes is null;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TemplateException"/> with Go's message shape.</summary>
    /// <param name="text">The template.</param>
    /// <param name="alertName">The rule's name; errors name the template <c>__alert_NAME</c> as Prometheus does.</param>
    public static RuleTemplate Parse(string text, string alertName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = "__alert_" + alertName;
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return new RuleTemplate(text, name, null);
        }

        return new RuleTemplate(text, name, TemplateParser.Parse(name, text, s_variables));
    }

    /// <summary>Text used as is (a recording rule's label values are not templates).</summary>
    public static RuleTemplate Literal(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), string.Empty, null);

    public string Expand(TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_nodes is null)
        {
            return Text;
        }

        try
        {
            return new TemplateExecutor(_name, data, MaxOutputLength).Run(_nodes);
        }
        catch (TemplateExecutionException ex)
        {
            return $"<error expanding template: error executing template {_name}: {ex.Message}>";
        }
    }
}
