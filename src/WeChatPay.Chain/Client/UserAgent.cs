using System.Reflection;
using System.Runtime.InteropServices;

namespace WeChatPay.Chain.Client;

/// <summary>The <c>User-Agent</c> every request carries: the library and version, the runtime and the operating system.</summary>
internal static class UserAgent
{
    /// <summary>For example <c>WeChatPay.Chain/0.1.0 (.NET 10.0.1; Linux 6.1 X64)</c>.</summary>
    public static readonly string Value = Build();

    private static string Build()
    {
        var assembly = typeof(UserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = version.IndexOf('+');
        if (plus > 0) version = version[..plus];
        return $"WeChatPay.Chain/{version} ({RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture})";
    }
}
