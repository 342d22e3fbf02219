using System.Globalization;
using System.Security.Cryptography;

namespace WeChatPay.Chain.Simulator;

/// <summary>
/// Prepay ids as the simulator hands them out for JSAPI, APP and NATIVE orders, in WeChat Pay's shape: <c>wx</c>, the
/// Beijing day and time (<c>ddHHmmss</c>), then 26 random hex digits.
/// </summary>
internal static class PrepayIds
{
    /// <summary>A new prepay id stamped with <paramref name="now"/>.</summary>
    public static string New(DateTimeOffset now)
        => "wx" + now.ToOffset(TimeSpan.FromHours(8)).ToString("ddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13));
}
