namespace System.Diagnostics.CodeAnalysis;

/// <summary>The parameter is not null when the method returns <see cref="ReturnValue"/>; for the compiler's nullable analysis.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class NotNullWhenAttribute(bool returnValue) : Attribute
{
    /// <summary>The return value that promises a non-null argument.</summary>
    public bool ReturnValue { get; } = returnValue;
}

/// <summary>The value is not null once the method returns; for the compiler's nullable analysis.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
internal sealed class NotNullAttribute : Attribute;
