using System.Globalization;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>What may follow an operand: a range <c>[5m]</c>, a subquery <c>[1h:1m]</c>, <c>offset</c> and <c>@</c>.</summary>
internal sealed partial class Parser
{
    private const string ModifierTarget = "an instant vector selector or range vector selector or a subquery";

    private Expr ParsePostfix(Expr expr)
    {
        while (true)
        {
            switch (Peek.Kind)
            {
                case TokenKind.LeftBracket:
                    expr = ParseRangeOrSubquery(expr);
                    break;
                case TokenKind.Offset:
                    expr = ParseOffset(expr);
                    break;
                case TokenKind.At:
                    expr = ParseAt(expr);
                    break;
                default:
                    return expr;
            }
        }
    }

    private Expr ParseRangeOrSubquery(Expr expr)
    {
        var bracket = Next();
        var range = ParseDuration(Expect(TokenKind.Duration, "range", "duration"));
        if (Peek.Kind == TokenKind.RightBracket)
        {
            Next();
            var message = expr switch
            {
                not VectorSelector => "ranges only allowed for vector selectors",
                VectorSelector { OffsetMs: not 0 } => "no offset modifiers allowed before range",
                VectorSelector { At: not null } => "no @ modifiers allowed before range",
                _ => null,
            };
            return message is null
                ? Node(new MatrixSelector((VectorSelector)expr, range) { Position = expr.Position }, expr)
                : throw Error(bracket.Position, message);
        }

        Expect(TokenKind.Colon, "subquery or range", "\":\" or \"]\"");
        long? step = Peek.Kind == TokenKind.Duration ? ParseDuration(Next()) : null;
        Expect(TokenKind.RightBracket, "subquery selector", "duration or \"]\"");
        return Node(new SubqueryExpr(expr, range, step) { Position = expr.Position }, expr);
    }

    private Expr ParseOffset(Expr expr)
    {
        Next();
        var negative = Peek.Kind == TokenKind.Sub;
        if (negative)
        {
            Next();
        }

        var offset = ParseDuration(Expect(TokenKind.Duration, "offset", "duration"));
        if (negative)
        {
            offset = -offset;
        }

        return expr switch
        {
            VectorSelector { OffsetMs: 0 } selector => selector with { OffsetMs = offset },
            MatrixSelector { Selector.OffsetMs: 0 } matrix => matrix with { Selector = matrix.Selector with { OffsetMs = offset } },
            SubqueryExpr { OffsetMs: 0 } subquery => subquery with { OffsetMs = offset },
            VectorSelector or MatrixSelector or SubqueryExpr => throw Error(expr.Position, "offset may not be set multiple times"),
            _ => throw Error(expr.Position, $"offset modifier must be preceded by {ModifierTarget}"),
        };
    }

    private Expr ParseAt(Expr expr)
    {
        Next();
        AtModifier at;
        if (Peek.Kind is TokenKind.Start or TokenKind.End)
        {
            at = Next().Kind == TokenKind.Start ? AtModifier.Start : AtModifier.End;
            Expect(TokenKind.LeftParen, "@", "timestamp");
            Expect(TokenKind.RightParen, "@", "timestamp");
        }
        else
        {
            var negative = Peek.Kind == TokenKind.Sub;
            if (Peek.Kind is TokenKind.Add or TokenKind.Sub)
            {
                Next();
            }

            var number = Expect(TokenKind.Number, "@", "timestamp");
            var seconds = ParseNumber(number) * (negative ? -1 : 1);

            // Prometheus's bounds: finite and representable in int64 nanoseconds' neighbour range.
            if (!double.IsFinite(seconds) || seconds >= long.MaxValue || seconds <= long.MinValue)
            {
                var printed = double.IsFinite(seconds) ? seconds.ToString("F6", CultureInfo.InvariantCulture) : NumberLiteral.Format(seconds);
                throw Error(expr.Position, $"timestamp out of bounds for @ modifier: {printed}");
            }

            at = new AtModifier(AtKind.Timestamp, (long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));
        }

        return expr switch
        {
            VectorSelector { At: null } selector => selector with { At = at },
            MatrixSelector { Selector.At: null } matrix => matrix with { Selector = matrix.Selector with { At = at } },
            SubqueryExpr { At: null } subquery => subquery with { At = at },
            VectorSelector or MatrixSelector or SubqueryExpr => throw Error(expr.Position, "@ <timestamp> may not be set multiple times"),
            _ => throw Error(expr.Position, $"@ modifier must be preceded by {ModifierTarget}"),
        };
    }

    private long ParseDuration(Token token)
    {
        if (!PromqlDuration.TryParse(token.Text, out var milliseconds, out var error))
        {
            throw Error(token.Position, error!);
        }

        return milliseconds == 0 ? throw Error(token.Position, "duration must be greater than 0") : milliseconds;
    }
}
