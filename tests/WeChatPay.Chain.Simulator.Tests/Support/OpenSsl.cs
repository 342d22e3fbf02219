using System.Diagnostics;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>The <c>openssl</c> command line as an independent implementation to check the simulator's crypto against.</summary>
public static class OpenSsl
{
    /// <summary>Runs openssl with <paramref name="input"/> on standard input and returns standard output.</summary>
    /// <remarks>Marks the test inconclusive (ignored) where openssl is not installed.</remarks>
    public static byte[] Run(byte[] input, params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("openssl is not installed");
            throw;
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
            copy.Wait(TimeSpan.FromSeconds(30));
            process.WaitForExit(30_000);
            Assert.That(process.ExitCode, Is.Zero, $"openssl {string.Join(' ', arguments)} failed: {error.Result}");
            return output.ToArray();
        }
    }
}
