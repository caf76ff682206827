namespace Gatekeeper.Disclosure.Policies;

/// <summary>How a microdata attribute's values are compared: decides generalisation and the t-closeness distance.</summary>
public enum AttributeKind
{
    /// <summary>Unordered categories (equal ground distance).</summary>
    Categorical,

    /// <summary>Ordered categories (ordered distance; the column's dictionary order is the order).</summary>
    Ordinal,

    /// <summary>Numbers (ordered distance by value).</summary>
    Numeric,

    /// <summary>ISO dates <c>yyyy-MM-dd</c> (ordered distance by date).</summary>
    Date,
}
