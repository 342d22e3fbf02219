namespace System.Runtime.CompilerServices;

/// <summary>Lets the compiler emit <c>init</c> accessors and records on netstandard2.0.</summary>
internal static class IsExternalInit;
