using System.Globalization;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>Operands: literals, parentheses, function calls, aggregations and selectors.</summary>
internal sealed partial class Parser
{
    private Expr ParsePrimary()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Next();
                return new NumberLiteral(ParseNumber(token)) { Position = token.Position };
            case TokenKind.String:
                Next();
                return new StringLiteralExpr(StringLiteral.Unquote(token.Text)) { Position = token.Position };
            case TokenKind.LeftParen:
                Next();
                var inner = ParseExpr(0);
                Expect(TokenKind.RightParen, "paren expression", "\")\"");
                return Node(new ParenExpr(inner) { Position = token.Position }, inner);
            case TokenKind.LeftBrace:
                return ParseSelector(null);
            case TokenKind.Identifier when PeekAt(1).Kind == TokenKind.LeftParen:
                return ParseCall();
            case TokenKind.Aggregator when PeekAt(1).Kind is TokenKind.LeftParen or TokenKind.By or TokenKind.Without:
                return ParseAggregation();

            // Prometheus lets these words name a metric where an operand is expected (a metric called "sum" or
            // "offset"); on, ignoring, group_left, group_right, bool and atan2 are always keywords.
            case TokenKind.Identifier or TokenKind.MetricIdentifier or TokenKind.Aggregator or TokenKind.By or TokenKind.Without
                or TokenKind.Offset or TokenKind.And or TokenKind.Or or TokenKind.Unless or TokenKind.Start or TokenKind.End:
                return ParseSelector(Next());
            default:
                throw Unexpected();
        }
    }

    private double ParseNumber(Token token)
    {
        var text = token.Text;
        if (Keywords.TryGet(text, out _))
        {
            return text.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.PositiveInfinity;
        }

        // Integers are read as Go's ParseInt(text, 0, 64) does (0x1f is hex, 017 is octal); everything else, and
        // integers too large for 64 bits, as floats.
        if (text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X')
        {
            if (long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0)
            {
                return hex;
            }
        }
        else if (text.Length > 1 && text[0] == '0' && text.All(c => c is >= '0' and <= '7'))
        {
            try
            {
                return Convert.ToInt64(text, 8);
            }
            catch (OverflowException)
            {
                // Falls through to float parsing, as Go does when ParseInt fails.
            }
        }
        else if (text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.Length > 0 && !text.Contains('x', StringComparison.OrdinalIgnoreCase) && text[^1] is not ('e' or 'E' or '+' or '-')
            && double.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return double.IsInfinity(value)
                ? throw Error(token.Position, $"error parsing number: strconv.ParseFloat: parsing \"{text}\": value out of range")
                : value;
        }

        throw Error(token.Position, $"error parsing number: strconv.ParseFloat: parsing \"{text}\": invalid syntax");
    }

    private FunctionCall ParseCall()
    {
        var name = Next();
        var args = ParseArguments();
        if (!PromqlFunctions.TryGet(name.Text, out var function))
        {
            throw Error(name.Position, $"unknown function with name \"{name.Text}\"");
        }

        return Node(new FunctionCall(function, args) { Position = name.Position }, [.. args]);
    }

    private AggregateExpr ParseAggregation()
    {
        var op = Next();
        (IReadOnlyList<string> Labels, bool Without)? grouping = null;
        if (Peek.Kind is TokenKind.By or TokenKind.Without)
        {
            grouping = ParseAggregationGrouping();
        }

        if (Peek.Kind != TokenKind.LeftParen)
        {
            throw Unexpected("aggregation");
        }

        var args = ParseArguments();
        if (grouping is null && Peek.Kind is TokenKind.By or TokenKind.Without)
        {
            grouping = ParseAggregationGrouping();
        }

        var aggregation = AggregationOpExtensions.FromKeyword(op.Text);
        if (args.Count == 0)
        {
            throw Error(op.Position, "no arguments for aggregate expression provided");
        }

        var wanted = aggregation.HasParameter() ? 2 : 1;
        if (args.Count != wanted)
        {
            throw Error(op.Position, $"wrong number of arguments for aggregate expression provided, expected {wanted}, got {args.Count}");
        }

        var param = wanted == 2 ? args[0] : null;
        return Node(
            new AggregateExpr(aggregation, args[^1], param, grouping?.Labels ?? [], grouping?.Without ?? false) { Position = op.Position },
            args[^1],
            param);
    }

    private (IReadOnlyList<string> Labels, bool Without) ParseAggregationGrouping()
    {
        var without = Next().Kind == TokenKind.Without;
        return (ParseGroupingLabels(), without);
    }

    /// <summary>Parses <c>(a, b, ...)</c> with an optional trailing comma; keywords are fine as label names.</summary>
    private List<string> ParseGroupingLabels()
    {
        Expect(TokenKind.LeftParen, "grouping opts", "\"(\"");
        var labels = new List<string>();
        while (Peek.Kind != TokenKind.RightParen)
        {
            var label = Peek;
            var wordLike = label.Kind is TokenKind.Identifier or TokenKind.MetricIdentifier or TokenKind.Aggregator
                or TokenKind.And or TokenKind.Or or TokenKind.Unless or TokenKind.Atan2 || label.IsKeyword;
            if (!wordLike || !Core.LabelNames.IsValidLabelName(label.Text))
            {
                throw Unexpected("grouping opts", "label");
            }

            labels.Add(Next().Text);
            if (Peek.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind != TokenKind.RightParen)
            {
                throw Unexpected("grouping opts", "\",\" or \")\"");
            }
        }

        Next();
        return labels;
    }

    /// <summary>Parses a parenthesised argument list; Prometheus rejects a trailing comma here.</summary>
    private List<Expr> ParseArguments()
    {
        Next();
        var args = new List<Expr>();
        if (Peek.Kind == TokenKind.RightParen)
        {
            Next();
            return args;
        }

        while (true)
        {
            args.Add(ParseExpr(0));
            if (Peek.Kind == TokenKind.RightParen)
            {
                Next();
                return args;
            }

            var comma = Peek.Kind == TokenKind.Comma ? Next() : throw Unexpected();
            if (Peek.Kind == TokenKind.RightParen)
            {
                throw Error(comma.Position, "trailing commas not allowed in function call args");
            }
        }
    }
}
