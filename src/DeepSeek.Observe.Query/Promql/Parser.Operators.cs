using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>Binary and unary operators: precedence, associativity and the bool/on/ignoring/group_* modifiers.</summary>
internal sealed partial class Parser
{
    // Unary minus binds like * in Prometheus's grammar: tighter than + and comparisons, looser than ^ (so -2^2 is -4).
    private static readonly int s_unaryOperandPrecedence = BinaryOperator.Pow.Precedence();

    private static readonly VectorMatching s_defaultMatching = new(VectorMatchCardinality.OneToOne, [], false, []);

    private Expr ParseExpr(int minPrecedence)
    {
        EnterRecursion();
        var left = ParseUnary();
        while (TryBinaryOperator(Peek.Kind, out var op) && op.Precedence() >= minPrecedence)
        {
            var opToken = Next();
            var (returnBool, matching) = ParseBinaryModifiers();
            var right = ParseExpr(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
            left = MakeBinary(op, opToken.Position, left, right, returnBool, matching);
        }

        _recursion--;
        return left;
    }

    private Expr ParseUnary()
    {
        if (Peek.Kind is not (TokenKind.Add or TokenKind.Sub))
        {
            return ParsePostfix(ParsePrimary());
        }

        var sign = Next();
        var operand = ParseExpr(s_unaryOperandPrecedence);
        var negate = sign.Kind == TokenKind.Sub;
        if (operand is NumberLiteral number)
        {
            return number with { Value = negate ? -number.Value : number.Value, Position = sign.Position };
        }

        return Node(new UnaryExpr(negate, operand) { Position = sign.Position }, operand);
    }

    private (bool ReturnBool, VectorMatching? Matching) ParseBinaryModifiers()
    {
        var returnBool = false;
        if (Peek.Kind == TokenKind.Bool)
        {
            Next();
            returnBool = true;
        }

        if (Peek.Kind is not (TokenKind.On or TokenKind.Ignoring))
        {
            return (returnBool, null);
        }

        var on = Next().Kind == TokenKind.On;
        var labels = ParseGroupingLabels();
        var card = VectorMatchCardinality.OneToOne;
        IReadOnlyList<string> include = [];
        if (Peek.Kind is TokenKind.GroupLeft or TokenKind.GroupRight)
        {
            card = Next().Kind == TokenKind.GroupLeft ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
            if (Peek.Kind == TokenKind.LeftParen)
            {
                include = ParseGroupingLabels();
            }
        }

        return (returnBool, new VectorMatching(card, labels, on, include));
    }

    private BinaryExpr MakeBinary(BinaryOperator op, int opPosition, Expr lhs, Expr rhs, bool returnBool, VectorMatching? matching)
    {
        matching ??= s_defaultMatching;
        if (op.IsSetOperator() && matching.Card == VectorMatchCardinality.OneToOne)
        {
            matching = matching with { Card = VectorMatchCardinality.ManyToMany };
        }

        // Matching only means something between two vectors; Prometheus drops it otherwise.
        var bothVectors = lhs.Type == PromqlValueType.Vector && rhs.Type == PromqlValueType.Vector;
        var binary = new BinaryExpr(op, lhs, rhs, bothVectors ? matching : null, returnBool)
        {
            Position = lhs.Position,
            OperatorPosition = opPosition,
            WrittenMatching = matching,
        };
        return Node(binary, lhs, rhs);
    }

    private static bool TryBinaryOperator(TokenKind kind, out BinaryOperator op)
    {
        BinaryOperator? found = kind switch
        {
            TokenKind.Add => BinaryOperator.Add,
            TokenKind.Sub => BinaryOperator.Sub,
            TokenKind.Mul => BinaryOperator.Mul,
            TokenKind.Div => BinaryOperator.Div,
            TokenKind.Mod => BinaryOperator.Mod,
            TokenKind.Pow => BinaryOperator.Pow,
            TokenKind.Atan2 => BinaryOperator.Atan2,
            TokenKind.EqualEqual => BinaryOperator.Equal,
            TokenKind.NotEqual => BinaryOperator.NotEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
            TokenKind.LessEqual => BinaryOperator.LessEqual,
            TokenKind.And => BinaryOperator.And,
            TokenKind.Or => BinaryOperator.Or,
            TokenKind.Unless => BinaryOperator.Unless,
            _ => null,
        };
        op = found.GetValueOrDefault();
        return found.HasValue;
    }
}
