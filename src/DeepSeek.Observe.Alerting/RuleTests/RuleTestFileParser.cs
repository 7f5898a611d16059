using DeepSeek.Observe.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DeepSeek.Observe.Alerting.RuleTests;

/// <summary>
/// Reads a rule unit-test file exactly as promtool 2.42 does (strict YAML: an unknown or repeated field is an error),
/// into <see cref="RuleTestFile"/> with every series, value notation and duration already parsed, so a runner only
/// evaluates. Every error is a <see cref="RuleTestFormatException"/> naming the file, the line and the field's path.
/// </summary>
public static partial class RuleTestFileParser
{
    /// <summary>The largest file read: rule tests are hand-written; anything bigger is a mistake or an attack.</summary>
    public const int MaxFileChars = 16 << 20;

    private static readonly string[] s_fileFields = ["rule_files", "evaluation_interval", "group_eval_order", "tests"];
    private static readonly string[] s_groupFields = ["interval", "input_series", "alert_rule_test", "promql_expr_test", "external_labels", "external_url", "name"];
    private static readonly string[] s_seriesFields = ["series", "values"];
    private static readonly string[] s_alertTestFields = ["eval_time", "alertname", "exp_alerts"];
    private static readonly string[] s_alertFields = ["exp_labels", "exp_annotations"];
    private static readonly string[] s_exprTestFields = ["expr", "eval_time", "exp_samples"];
    private static readonly string[] s_sampleFields = ["labels", "value"];

    /// <summary>Parses the text of the test file at <paramref name="path"/> (used for errors and to resolve rule_files).</summary>
    public static RuleTestFile Parse(string yaml, string path, int maxValuesPerSeries = SeriesValues.DefaultMaxValues)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(path);
        if (yaml.Length > MaxFileChars)
        {
            throw new RuleTestFormatException($"{path}: larger than {MaxFileChars} characters");
        }

        var root = Load(yaml, path);
        var context = new Context(path, maxValuesPerSeries);
        var file = context.Mapping(root, "the file", s_fileFields);
        var evaluationInterval = context.Duration(file, "evaluation_interval", "evaluation_interval") ?? RuleTestFile.DefaultEvaluationInterval;
        if (evaluationInterval <= TimeSpan.Zero)
        {
            throw context.Error(file["evaluation_interval"], "evaluation_interval", "must be positive");
        }

        var directory = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        var ruleFiles = context.Strings(file, "rule_files", "rule_files")
            .Select(f => System.IO.Path.IsPathRooted(f) ? f : System.IO.Path.Combine(directory, f))
            .ToList();
        var order = context.Strings(file, "group_eval_order", "group_eval_order");
        var tests = context.Sequence(file, "tests", "tests")
            .Select((node, i) => Group(context, node, $"tests[{i}]", evaluationInterval))
            .ToList();
        return new RuleTestFile(path, ruleFiles, evaluationInterval, order, tests);
    }

    private static YamlNode Load(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new RuleTestFormatException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's mapping refuses a repeated key this way; promtool's strict decoding refuses it too.
            throw new RuleTestFormatException($"{path}: {ex.Message}", ex);
        }

        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? throw new RuleTestFormatException($"{path}: the file is empty")
            : stream.Documents[0].RootNode;
    }

    private static RuleTestGroup Group(Context context, YamlNode node, string where, TimeSpan evaluationInterval)
    {
        var group = context.Mapping(node, where, s_groupFields);
        var interval = context.Duration(group, "interval", $"{where}.interval") ?? evaluationInterval;
        if (interval <= TimeSpan.Zero)
        {
            interval = evaluationInterval;
        }

        var series = context.Sequence(group, "input_series", $"{where}.input_series")
            .Select((n, i) => Series(context, n, $"{where}.input_series[{i}]"))
            .ToList();
        var alerts = context.Sequence(group, "alert_rule_test", $"{where}.alert_rule_test")
            .Select((n, i) => AlertTest(context, n, $"{where}.alert_rule_test[{i}]"))
            .ToList();
        var exprs = context.Sequence(group, "promql_expr_test", $"{where}.promql_expr_test")
            .Select((n, i) => ExprTest(context, n, $"{where}.promql_expr_test[{i}]"))
            .ToList();
        var external = context.StringMap(group, "external_labels", $"{where}.external_labels");
        if (!LabelSet.TryCreate(external, out var externalLabels, out var error))
        {
            throw context.Error(group["external_labels"], $"{where}.external_labels", error!);
        }

        return new RuleTestGroup(
            context.String(group, "name", $"{where}.name") ?? string.Empty,
            interval,
            series,
            alerts,
            exprs,
            externalLabels,
            context.String(group, "external_url", $"{where}.external_url") ?? string.Empty);
    }

    private static InputSeries Series(Context context, YamlNode node, string where)
    {
        var map = context.Mapping(node, where, s_seriesFields);
        var labels = context.Parsed(map, "series", $"{where}.series", MetricLabels.Parse);
        if (labels.Count == 0)
        {
            throw context.Error(map["series"], $"{where}.series", "empty labelset: invalid sample");
        }

        var values = context.String(map, "values", $"{where}.values") ?? string.Empty;
        return new InputSeries(labels, context.Parsed(map, "values", $"{where}.values", _ => SeriesValues.Parse(values, context.MaxValues), values));
    }

    private static AlertRuleTestCase AlertTest(Context context, YamlNode node, string where)
    {
        var map = context.Mapping(node, where, s_alertTestFields);
        var alertname = context.String(map, "alertname", $"{where}.alertname");
        if (string.IsNullOrEmpty(alertname))
        {
            throw context.Error(node, where, "alertname is required");
        }

        var expected = context.Sequence(map, "exp_alerts", $"{where}.exp_alerts")
            .Select((n, i) =>
            {
                var alert = context.Mapping(n, $"{where}.exp_alerts[{i}]", s_alertFields);
                return new ExpectedAlert(
                    context.StringMap(alert, "exp_labels", $"{where}.exp_alerts[{i}].exp_labels"),
                    context.StringMap(alert, "exp_annotations", $"{where}.exp_alerts[{i}].exp_annotations"));
            })
            .ToList();
        return new AlertRuleTestCase(context.Duration(map, "eval_time", $"{where}.eval_time") ?? TimeSpan.Zero, alertname, expected);
    }

    private static PromqlExprTestCase ExprTest(Context context, YamlNode node, string where)
    {
        var map = context.Mapping(node, where, s_exprTestFields);
        var expr = context.String(map, "expr", $"{where}.expr");
        if (string.IsNullOrWhiteSpace(expr))
        {
            throw context.Error(node, where, "expr is required");
        }

        var samples = context.Sequence(map, "exp_samples", $"{where}.exp_samples")
            .Select((n, i) =>
            {
                var sample = context.Mapping(n, $"{where}.exp_samples[{i}]", s_sampleFields);
                var labels = sample.ContainsKey("labels")
                    ? context.Parsed(sample, "labels", $"{where}.exp_samples[{i}].labels", MetricLabels.Parse)
                    : LabelSet.Empty;
                return new ExpectedSample(labels, context.Float(sample, "value", $"{where}.exp_samples[{i}].value"));
            })
            .ToList();
        return new PromqlExprTestCase(expr, context.Duration(map, "eval_time", $"{where}.eval_time") ?? TimeSpan.Zero, samples);
    }
}
