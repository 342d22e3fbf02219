using System.Security.Cryptography;

namespace WeChatPay.Chain.Simulator;

/// <summary>WeChat Pay transaction numbers as the simulator hands them out: <c>4200</c> and 24 random digits.</summary>
internal static class TransactionIds
{
    /// <summary>A new transaction number.</summary>
    public static string New() => "4200" + RandomNumberGenerator.GetString("0123456789", 24);
}
