using System.Security.Cryptography;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>Makes <c>Request-ID</c> values: upper-case hex like WeChat Pay's, unique enough to quote in a bug report.</summary>
internal static class RequestIds
{
    public static string Create() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)) + "-0";
}
