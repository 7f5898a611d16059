namespace DeepSeek.Observe.Alerting.Rules.Templates;

/// <summary>A parsed piece of a template: literal text, an action that prints, or a conditional.</summary>
internal abstract record TemplateNode;

internal sealed record TextNode(string Text) : TemplateNode;

/// <summary><c>{{ pipeline }}</c>: prints the pipeline's value unless it declares a variable.</summary>
internal sealed record ActionNode(Pipeline Pipeline, int Line) : TemplateNode;

/// <summary><c>{{ if }} … {{ else }} … {{ end }}</c>; <c>else if</c> is an <see cref="IfNode"/> alone in the else branch.</summary>
internal sealed record IfNode(Pipeline Condition, IReadOnlyList<TemplateNode> Then, IReadOnlyList<TemplateNode> Else, int Line) : TemplateNode;

/// <summary>Commands joined by <c>|</c>; each command's value becomes the last argument of the next.</summary>
internal sealed record Pipeline(IReadOnlyList<Command> Commands, string? Declares);

/// <summary>A function name with arguments, or a single operand.</summary>
internal sealed record Command(IReadOnlyList<Operand> Operands);

internal abstract record Operand;

/// <summary>A function name in call position.</summary>
internal sealed record FunctionOperand(string Name) : Operand;

/// <summary><c>.</c>, <c>.Labels.node</c> (field chain from dot) or <c>$labels.node</c> (from a variable).</summary>
internal sealed record PathOperand(string? Variable, IReadOnlyList<string> Fields) : Operand;

internal sealed record ConstantOperand(object? Value) : Operand;

internal sealed record PipelineOperand(Pipeline Pipeline) : Operand;
