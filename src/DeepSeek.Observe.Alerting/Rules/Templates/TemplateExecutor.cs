using System.Text;

namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>Runs a parsed template against one alert's data, with Go's pipeline and field semantics.</summary>
internal sealed class TemplateExecutor(string name, TemplateData data, int maxOutput)
{
    private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal)
    {
        ["$"] = data,
        ["$labels"] = data.Labels,
        ["$externalLabels"] = data.ExternalLabels,
        ["$externalURL"] = data.ExternalUrl,
        ["$value"] = data.Value,
    };

    private readonly StringBuilder _output = new();
    private int _line;

    public string Run(IReadOnlyList<TemplateNode> nodes)
    {
        try
        {
            Walk(nodes);
            return _output.ToString();
        }
        catch (TemplateExecutionException ex)
        {
            throw new TemplateExecutionException($"template: {name}:{_line}: {ex.Message}");
        }
    }

    private void Walk(IReadOnlyList<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    Write(text.Text);
                    break;
                case ActionNode action:
                    _line = action.Line;
                    var value = Evaluate(action.Pipeline);
                    if (action.Pipeline.Declares is null)
                    {
                        Write(TemplateValues.Print(value));
                    }

                    break;
                case IfNode branch:
                    _line = branch.Line;
                    Walk(TemplateValues.Truth(Evaluate(branch.Condition)) ? branch.Then : branch.Else);
                    break;
                default:
                    throw new InvalidOperationException($"unknown template node {node.GetType().Name}");
            }
        }
    }

    private void Write(string text)
    {
        if (_output.Length + text.Length > maxOutput)
        {
            throw new TemplateExecutionException($"expansion longer than {maxOutput} characters");
        }

        _output.Append(text);
    }

    private object? Evaluate(Pipeline pipeline)
    {
        object? value = null;
        var piped = false;
        foreach (var command in pipeline.Commands)
        {
            value = Evaluate(command, piped ? value : null, piped);
            piped = true;
        }

        if (pipeline.Declares is { } variable)
        {
            _variables[variable] = value;
        }

        return value;
    }

    private object? Evaluate(Command command, object? input, bool hasInput)
    {
        if (command.Operands[0] is FunctionOperand function)
        {
            var args = new object?[command.Operands.Count - 1 + (hasInput ? 1 : 0)];
            for (var i = 1; i < command.Operands.Count; i++)
            {
                args[i - 1] = Operand(command.Operands[i]);
            }

            if (hasInput)
            {
                args[^1] = input;
            }

            try
            {
                return TemplateFunctions.Call(function.Name, args, data);
            }
            catch (TemplateExecutionException ex)
            {
                throw new TemplateExecutionException($"error calling {function.Name}: {ex.Message}");
            }
        }

        if (command.Operands.Count > 1 || hasInput)
        {
            throw new TemplateExecutionException("can't give argument to non-function");
        }

        return Operand(command.Operands[0]);
    }

    private object? Operand(Operand operand) => operand switch
    {
        ConstantOperand constant => constant.Value,
        PipelineOperand inner => Evaluate(inner.Pipeline),
        PathOperand path => Path(path.Variable is null ? data : _variables[path.Variable], path.Fields),
        FunctionOperand function => TemplateFunctions.Call(function.Name, [], data),
        _ => throw new InvalidOperationException($"unknown operand {operand.GetType().Name}"),
    };

    private static object? Path(object? value, IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            value = value switch
            {
                // Prometheus executes with missingkey=zero: a label the alert lacks prints as "".
                IReadOnlyDictionary<string, string> map => map.GetValueOrDefault(field, string.Empty),
                TemplateData root => field switch
                {
                    "Labels" => root.Labels,
                    "ExternalLabels" => root.ExternalLabels,
                    "ExternalURL" => root.ExternalUrl,
                    "Value" => root.Value,
                    _ => throw new TemplateExecutionException($"can't evaluate field {field} in type struct"),
                },
                null => throw new TemplateExecutionException($"nil pointer evaluating interface {{}}.{field}"),
                _ => throw new TemplateExecutionException($"can't evaluate field {field} in type {TemplateValues.GoType(value)}"),
            };
        }

        return value;
    }
}
