namespace Gatekeeper.Workflows.Guards;

/// <summary>A node of a type-checked guard expression tree. Evaluation never runs code: it reads facts and compares them.</summary>
internal abstract class GuardNode(GuardType type)
{
    public GuardType Type { get; } = type;

    public abstract object Evaluate(GuardFacts facts);

    internal sealed class Literal(GuardType type, object value) : GuardNode(type)
    {
        public object Value { get; } = value;

        public override object Evaluate(GuardFacts facts) => Value;
    }

    internal sealed class Variable(GuardVariable variable) : GuardNode(variable.Type)
    {
        public GuardVariable Definition { get; } = variable;

        public override object Evaluate(GuardFacts facts) => facts.Get(Definition.Name, Type);
    }

    internal sealed class Not(GuardNode operand) : GuardNode(GuardType.Boolean)
    {
        public override object Evaluate(GuardFacts facts) => !(bool)operand.Evaluate(facts);
    }

    internal sealed class Logical(bool isAnd, GuardNode left, GuardNode right) : GuardNode(GuardType.Boolean)
    {
        public override object Evaluate(GuardFacts facts) =>
            isAnd
                ? (bool)left.Evaluate(facts) && (bool)right.Evaluate(facts)
                : (bool)left.Evaluate(facts) || (bool)right.Evaluate(facts);
    }

    internal sealed class Compare(string op, GuardNode left, GuardNode right) : GuardNode(GuardType.Boolean)
    {
        public override object Evaluate(GuardFacts facts)
        {
            var l = left.Evaluate(facts);
            var r = right.Evaluate(facts);
            return op switch
            {
                "==" => Equals(l, r),
                "!=" => !Equals(l, r),
                "<" => (decimal)l < (decimal)r,
                "<=" => (decimal)l <= (decimal)r,
                ">" => (decimal)l > (decimal)r,
                ">=" => (decimal)l >= (decimal)r,
                _ => throw new InvalidOperationException($"Unknown operator {op}."),
            };
        }
    }

    internal sealed class In(GuardNode item, GuardNode list) : GuardNode(GuardType.Boolean)
    {
        public override object Evaluate(GuardFacts facts) =>
            ((string[])list.Evaluate(facts)).Contains((string)item.Evaluate(facts), StringComparer.Ordinal);
    }

    internal sealed class Arithmetic(bool isPlus, GuardNode left, GuardNode right) : GuardNode(GuardType.Number)
    {
        public override object Evaluate(GuardFacts facts) =>
            isPlus ? (decimal)left.Evaluate(facts) + (decimal)right.Evaluate(facts) : (decimal)left.Evaluate(facts) - (decimal)right.Evaluate(facts);
    }
}
