namespace WeChatPay.Chain.Simulator;

/// <summary>
/// The payment codes (<c>auth_code</c>, what a cashier scans from the payer's WeChat) the simulator's <c>pay/micropay</c>
/// takes. A code is 18 digits whose first two are 10 to 15, as WeChat's are; any other answers <c>AUTH_CODE_INVALID</c>.
/// A valid code pays at once, except one ending in <c>0000</c>: that payer must enter a password, so micropay answers
/// <c>USERPAYING</c>, the first <c>pay/orderquery</c> after it reports <c>trade_state</c> USERPAYING, and the next one
/// finds the order paid (SUCCESS).
/// </summary>
public static class SimulatedAuthCodes
{
    /// <summary>A code that pays at once.</summary>
    public const string PaysAtOnce = "134567890123456789";

    /// <summary>A code whose payer must enter a password: <c>USERPAYING</c>, then paid on the second query.</summary>
    public const string WaitsForPassword = "134567890123450000";

    /// <summary>Whether <paramref name="authCode"/> is one the simulator takes: 18 digits, the first two 10 to 15.</summary>
    public static bool IsValid(string authCode)
    {
        ArgumentNullException.ThrowIfNull(authCode);
        return authCode.Length == 18 && authCode.All(char.IsAsciiDigit) && authCode[0] == '1' && authCode[1] is >= '0' and <= '5';
    }

    /// <summary>Whether a valid <paramref name="authCode"/> makes the payer enter a password: it ends in <c>0000</c>.</summary>
    public static bool AsksForPassword(string authCode) => IsValid(authCode) && authCode.EndsWith("0000", StringComparison.Ordinal);
}
