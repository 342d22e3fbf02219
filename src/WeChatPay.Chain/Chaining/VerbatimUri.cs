#if !NET
using System.Linq.Expressions;
#endif

namespace WeChatPay.Chain.Chaining;

/// <summary>
/// Makes request URIs from text that is already percent-encoded, so that what is signed is what is sent.
/// </summary>
internal static class VerbatimUri
{
#if NET
    private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>The URI with its path and query exactly as given: no unescaping, no dot-segment removal.</summary>
    public static Uri Create(string text) => new(text, in Verbatim);
#else
    private static readonly Func<string, Uri> Factory = CreateWithoutCanonicalisation() ?? (text => new Uri(text));

    /// <summary>
    /// The URI with its path and query exactly as given where the runtime can switch canonicalisation off (.NET 6 and
    /// later, which have <c>UriCreationOptions</c>). Where it cannot (.NET Framework), <see cref="Uri"/> may unescape
    /// <c>%XX</c> of unreserved characters in paths given verbatim to <c>Chain(…)</c>; the signature still covers what
    /// is sent, read back from the <see cref="Uri"/>.
    /// </summary>
    public static Uri Create(string text) => Factory(text);

    /// <summary>
    /// netstandard2.0 does not declare <c>UriCreationOptions</c>, but a .NET 6+ runtime running this build has it: find
    /// the <c>Uri(string, in UriCreationOptions)</c> constructor by reflection and compile a call to it once.
    /// </summary>
    private static Func<string, Uri>? CreateWithoutCanonicalisation()
    {
        var optionsType = typeof(Uri).Assembly.GetType("System.UriCreationOptions");
        var flag = optionsType?.GetProperty("DangerousDisablePathAndQueryCanonicalization");
        var constructor = optionsType is null ? null : typeof(Uri).GetConstructor([typeof(string), optionsType.MakeByRefType()]);
        if (optionsType is null || flag is null || constructor is null) return null;

        var boxed = Activator.CreateInstance(optionsType)!;
        flag.SetValue(boxed, true);
        var text = Expression.Parameter(typeof(string), "text");
        var options = Expression.Variable(optionsType, "options");
        var body = Expression.Block(
            [options],
            Expression.Assign(options, Expression.Constant(boxed, optionsType)),
            Expression.New(constructor, text, options));
        return Expression.Lambda<Func<string, Uri>>(body, text).Compile();
    }
#endif
}
