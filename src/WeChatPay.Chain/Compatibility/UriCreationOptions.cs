using System.Linq.Expressions;

namespace WeChatPay.Chain.Compatibility;

/// <summary>.NET 6's options for making a <see cref="Uri"/>, which netstandard2.0 does not declare.</summary>
internal struct UriCreationOptions
{
    /// <summary>Keep the path and query exactly as given: no unescaping, no dot-segment removal.</summary>
    public bool DangerousDisablePathAndQueryCanonicalization { get; set; }
}

/// <summary>
/// .NET 6's <c>Uri.TryCreate(string, in UriCreationOptions, out Uri)</c>. A .NET 6+ runtime running the netstandard2.0
/// build has the real constructor, found by reflection and compiled into a call once; on .NET Framework, which has none,
/// the <see cref="Uri"/> is made the ordinary way and may unescape <c>%XX</c> of unreserved characters in its path.
/// </summary>
internal static class UriCreation
{
    private static readonly Func<string, Uri> Verbatim = CompileVerbatim() ?? (text => new Uri(text));

    extension(Uri)
    {
        /// <summary>Makes an absolute <see cref="Uri"/> with the options given; false when the text is not one.</summary>
        public static bool TryCreate(string? uriString, in UriCreationOptions creationOptions, out Uri? result)
        {
            result = null;
            if (uriString is null) return false;
            try
            {
                result = creationOptions.DangerousDisablePathAndQueryCanonicalization ? Verbatim(uriString) : new Uri(uriString);
                return true;
            }
            catch (UriFormatException)
            {
                return false;
            }
        }
    }

    private static Func<string, Uri>? CompileVerbatim()
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
}
