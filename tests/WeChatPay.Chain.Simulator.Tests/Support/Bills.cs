using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace WeChatPay.Chain.Simulator.Tests;

/// <summary>Applies for and downloads bills with hand-signed requests, and reads the files.</summary>
public static class Bills
{
    public const string TradeBillPath = "/v3/bill/tradebill";
    public const string FundFlowBillPath = "/v3/bill/fundflowbill";

    /// <summary>Today's date in Beijing, the calendar bills are kept by.</summary>
    public static string Today(TimeProvider? clock = null)
        => (clock ?? TimeProvider.System).GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The path and query of a <c>download_url</c>, to be signed and sent like any request to the simulator.</summary>
    public static string DownloadTarget(ApiAnswer applied) => new Uri(applied.Json["download_url"]!.GetValue<string>()).PathAndQuery;

    public static string Sha1(byte[] bytes) => Convert.ToHexStringLower(SHA1.HashData(bytes));

    public static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The file's lines without their CRLF; fails the test on a bare LF.</summary>
    public static string[] Lines(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file);
        Assert.That(text, Does.EndWith("\r\n"));
        var lines = text[..^2].Split("\r\n");
        Assert.That(lines.Any(line => line.Contains('\n')), Is.False, "every line ends in CRLF");
        return lines;
    }

    /// <summary>A detail or summary line's fields with their backquotes removed; fails the test if one lacks it.</summary>
    public static string[] Fields(string line)
    {
        var fields = line.Split(',');
        Assert.That(fields, Has.All.StartWith("`"), line);
        return fields.Select(field => field[1..]).ToArray();
    }
}
