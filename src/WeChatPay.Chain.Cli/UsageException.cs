namespace WeChatPay.Chain.Cli;

/// <summary>The command line itself is wrong; reported with exit code 64.</summary>
internal sealed class UsageException(string message) : Exception(message);
