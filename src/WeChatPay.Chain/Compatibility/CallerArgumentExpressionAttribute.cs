namespace System.Runtime.CompilerServices;

/// <summary>Lets the compiler pass the text of an argument, for guard clauses on netstandard2.0.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
{
    /// <summary>The parameter whose argument text is passed.</summary>
    public string ParameterName { get; } = parameterName;
}
