namespace Gatekeeper.Workflows.Guards;

/// <summary>
/// Recursive-descent parser and type checker of the guard language:
/// <code>
/// expr    = and { "or" and }
/// and     = unary { "and" unary }
/// unary   = "not" unary | compare
/// compare = sum [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum | "in" sum ]
/// sum     = primary { ("+" | "-") primary }
/// primary = number | 'text' | true | false | name | "[" 'text' { "," 'text' } "]" | "(" expr ")"
/// </code>
/// Every name must be a variable of the schema; types must match; texts compared with a variable
/// that lists its allowed values must be one of them.
/// </summary>
internal sealed class GuardParser
{
    private readonly List<GuardToken> _tokens;
    private readonly GuardSchema _schema;
    private int _position;

    private GuardParser(List<GuardToken> tokens, GuardSchema schema)
    {
        _tokens = tokens;
        _schema = schema;
    }

    public static GuardNode Parse(string source, GuardSchema schema)
    {
        var parser = new GuardParser(GuardLexer.Tokenize(source), schema);
        if (parser.Peek.Kind == GuardTokenKind.End) throw new GuardSyntaxException("the expression is empty", 1);
        var node = parser.Or();
        if (parser.Peek.Kind != GuardTokenKind.End)
            throw new GuardSyntaxException($"unexpected '{parser.Peek.Text}'", parser.Peek.Column);
        if (node.Type != GuardType.Boolean)
            throw new GuardSyntaxException($"the expression is a {Describe(node.Type)}, not a condition (true or false)", 1);
        return node;
    }

    private GuardToken Peek => _tokens[_position];

    private GuardToken Next() => _tokens[_position++];

    private bool IsKeyword(string keyword) => Peek.Kind == GuardTokenKind.Name && Peek.Text == keyword;

    private bool IsSymbol(string symbol) => Peek.Kind == GuardTokenKind.Symbol && Peek.Text == symbol;

    private GuardNode Or()
    {
        var left = And();
        while (IsKeyword("or"))
        {
            var token = Next();
            var right = And();
            left = new GuardNode.Logical(false, RequireBoolean(left, token), RequireBoolean(right, token));
        }

        return left;
    }

    private GuardNode And()
    {
        var left = Unary();
        while (IsKeyword("and"))
        {
            var token = Next();
            var right = Unary();
            left = new GuardNode.Logical(true, RequireBoolean(left, token), RequireBoolean(right, token));
        }

        return left;
    }

    private GuardNode Unary()
    {
        if (!IsKeyword("not")) return Comparison();
        var token = Next();
        return new GuardNode.Not(RequireBoolean(Unary(), token));
    }

    private GuardNode Comparison()
    {
        var leftToken = Peek;
        var left = Sum();
        if (IsKeyword("in"))
        {
            var token = Next();
            var list = Sum();
            if (left.Type != GuardType.Text || list.Type != GuardType.TextList)
                throw new GuardSyntaxException($"'in' tests a text in a list of texts, not a {Describe(left.Type)} in a {Describe(list.Type)}", token.Column);
            if (list is GuardNode.Literal { Value: string[] items })
                foreach (var item in items) CheckAllowed(left, item, token);
            if (left is GuardNode.Literal { Value: string value }) CheckAllowed(list, value, token);
            return new GuardNode.In(left, list);
        }

        if (Peek.Kind != GuardTokenKind.Symbol || Peek.Text is not ("==" or "!=" or "<" or "<=" or ">" or ">=")) return left;
        var op = Next();
        var rightToken = Peek;
        var right = Sum();
        if (left.Type != right.Type)
            throw new GuardSyntaxException($"cannot compare a {Describe(left.Type)} with a {Describe(right.Type)}", op.Column);
        if (op.Text is not ("==" or "!=") && left.Type != GuardType.Number)
            throw new GuardSyntaxException($"'{op.Text}' compares numbers, not a {Describe(left.Type)}", op.Column);
        if (left.Type == GuardType.TextList)
            throw new GuardSyntaxException("lists cannot be compared; use 'in'", op.Column);
        if (right is GuardNode.Literal { Value: string r }) CheckAllowed(left, r, rightToken);
        if (left is GuardNode.Literal { Value: string l }) CheckAllowed(right, l, leftToken);
        return new GuardNode.Compare(op.Text, left, right);
    }

    private GuardNode Sum()
    {
        var left = Primary();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            var op = Next();
            var right = Primary();
            if (left.Type != GuardType.Number || right.Type != GuardType.Number)
                throw new GuardSyntaxException($"'{op.Text}' needs numbers on both sides", op.Column);
            left = new GuardNode.Arithmetic(op.Text == "+", left, right);
        }

        return left;
    }

    private GuardNode Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case GuardTokenKind.Number:
                return new GuardNode.Literal(GuardType.Number, token.Number);
            case GuardTokenKind.Text:
                return new GuardNode.Literal(GuardType.Text, token.Text);
            case GuardTokenKind.Name when token.Text is "true" or "false":
                return new GuardNode.Literal(GuardType.Boolean, token.Text == "true");
            case GuardTokenKind.Name when token.Text is "and" or "or" or "not" or "in":
                throw new GuardSyntaxException($"'{token.Text}' needs something before it", token.Column);
            case GuardTokenKind.Name:
                var variable = _schema.Find(token.Text)
                               ?? throw new GuardSyntaxException($"unknown name '{token.Text}'{Suggest(token.Text)}", token.Column);
                return new GuardNode.Variable(variable);
            case GuardTokenKind.Symbol when token.Text == "(":
                var inner = Or();
                Expect(")");
                return inner;
            case GuardTokenKind.Symbol when token.Text == "[":
                var items = new List<string>();
                while (!IsSymbol("]"))
                {
                    var item = Next();
                    if (item.Kind != GuardTokenKind.Text) throw new GuardSyntaxException("a list holds 'texts' separated by commas", item.Column);
                    items.Add(item.Text);
                    if (!IsSymbol("]")) Expect(",");
                }

                Next();
                return new GuardNode.Literal(GuardType.TextList, items.ToArray());
            case GuardTokenKind.End:
                throw new GuardSyntaxException("the expression ends too early", token.Column);
            default:
                throw new GuardSyntaxException($"unexpected '{token.Text}'", token.Column);
        }
    }

    private void Expect(string symbol)
    {
        if (!IsSymbol(symbol)) throw new GuardSyntaxException($"expected '{symbol}' but found '{(Peek.Kind == GuardTokenKind.End ? "end" : Peek.Text)}'", Peek.Column);
        Next();
    }

    private static GuardNode RequireBoolean(GuardNode node, GuardToken op) =>
        node.Type == GuardType.Boolean
            ? node
            : throw new GuardSyntaxException($"'{op.Text}' combines conditions, not a {Describe(node.Type)}", op.Column);

    private static void CheckAllowed(GuardNode node, string value, GuardToken at)
    {
        if (node is GuardNode.Variable { Definition.AllowedValues: { } allowed } v && !allowed.Contains(value, StringComparer.Ordinal))
            throw new GuardSyntaxException($"'{value}' is not a value of {v.Definition.Name} (one of: {string.Join(", ", allowed)})", at.Column);
    }

    private string Suggest(string name)
    {
        var close = _schema.Variables.Select(v => v.Name)
            .Where(n => n.StartsWith(name.Split('.')[0], StringComparison.Ordinal) || name.StartsWith(n.Split('.')[0], StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Take(6).ToList();
        return close.Count > 0 ? $" (known: {string.Join(", ", close)})" : "";
    }

    private static string Describe(GuardType type) => type switch
    {
        GuardType.Boolean => "condition",
        GuardType.Number => "number",
        GuardType.Text => "text",
        _ => "list",
    };
}
