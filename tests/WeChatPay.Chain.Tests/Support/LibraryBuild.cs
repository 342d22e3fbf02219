using System.Reflection;
using System.Runtime.Versioning;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>Which build of the library these tests run against: net10.0, or netstandard2.0 on the .NET 10 runtime.</summary>
internal static class LibraryBuild
{
    /// <summary>The library's target, e.g. <c>.NETCoreApp,Version=v10.0</c> or <c>.NETStandard,Version=v2.0</c>.</summary>
    public static string Target { get; } = typeof(WeChatPayClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

    /// <summary>
    /// Whether the synchronous API reaches the transport through <c>HttpMessageHandler.Send</c>. netstandard2.0 has no
    /// synchronous send, so there the synchronous API waits for the asynchronous one.
    /// </summary>
    public static bool SendsSynchronously { get; } = !Target.StartsWith(".NETStandard", StringComparison.Ordinal);
}
