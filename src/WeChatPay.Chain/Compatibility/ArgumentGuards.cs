using System.Runtime.CompilerServices;

namespace WeChatPay.Chain;

/// <summary>The argument guards .NET 10 has as static methods of the exception types.</summary>
internal static class ArgumentGuards
{
    extension(ArgumentNullException)
    {
        /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="argument"/> is null.</summary>
        public static void ThrowIfNull([System.Diagnostics.CodeAnalysis.NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null) throw new ArgumentNullException(paramName);
        }
    }

    extension(ArgumentException)
    {
        /// <summary>Throws when <paramref name="argument"/> is null, empty or white space.</summary>
        public static void ThrowIfNullOrWhiteSpace([System.Diagnostics.CodeAnalysis.NotNull] string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null) throw new ArgumentNullException(paramName);
            if (string.IsNullOrWhiteSpace(argument)) throw new ArgumentException("The value cannot be empty or white space.", paramName);
        }
    }
}
