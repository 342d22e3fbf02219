using System.Diagnostics;

namespace WeChatPay.Chain.Tests.Support;

/// <summary>The openssl command line, the independent implementation the crypto cross-checks run against.</summary>
internal static class OpenSsl
{
    /// <summary>Runs <c>openssl</c> in <paramref name="directory"/>; the exit code and everything it printed.</summary>
    public static (int Code, string Output) Run(string directory, string arguments)
    {
        ProcessStartInfo start = new("openssl", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("openssl is not on PATH: the OpenSSL cross-checks need it (install OpenSSL 3).");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }
}
