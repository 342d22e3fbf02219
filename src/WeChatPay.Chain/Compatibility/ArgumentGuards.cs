using System.Runtime.CompilerServices;

namespace WeChatPay.Chain.Compatibility;

/// <summary>The argument guard .NET 10 has as a static method of <see cref="ArgumentNullException"/>.</summary>
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
}
