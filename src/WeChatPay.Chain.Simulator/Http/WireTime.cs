using System.Globalization;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>Times as WeChat Pay writes them: Beijing time, either RFC 3339 or the compact form older payscore APIs use.</summary>
internal static class WireTime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>For example <c>2024-05-20T13:29:35+08:00</c>.</summary>
    public static string Rfc3339(DateTimeOffset time) => time.ToOffset(Beijing).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>For example <c>2024-05-20 13:29:35</c>, as bills write times.</summary>
    public static string Spaced(DateTimeOffset time) => time.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>For example <c>20240520132935</c>, as smart-retail order times are written.</summary>
    public static string Compact(DateTimeOffset time) => time.ToOffset(Beijing).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
