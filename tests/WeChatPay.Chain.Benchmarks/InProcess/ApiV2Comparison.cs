using System.Diagnostics;
using System.Text;
using WeChatPay.Chain.Benchmarks.Baseline;
using WeChatPay.Chain.Benchmarks.Reporting;
using WeChatPay.Chain.Benchmarks.Setup;
using WeChatPay.Chain.Client;
using WeChatPay.Chain.Protocol;

namespace WeChatPay.Chain.Benchmarks.InProcess;

/// <summary>
/// One APIv2 call (<c>pay/orderquery</c>) through the library against <see cref="HandWrittenApiV2Client"/>, both over an
/// in-memory transport that answers a signed XML message at once: turns alternate in short rounds, as in
/// <see cref="InterleavedComparison"/>, and the ratios are the medians of the per-round ratios. Both forms of both
/// contenders are first warmed for <paramref name="warmup"/>, in turns: a call here takes ~20 µs, so a fixed number of
/// warm-up calls would end while the JIT's tiers are still being replaced, and the figures would measure the JIT.
/// </summary>
public sealed class ApiV2Comparison(int rounds, int callsPerRound, TimeSpan warmup)
{
    private const string ApiV2Key = "BenchmarkApiV2Key0123456789ABCDE";

    private static readonly Dictionary<string, string> Query = new()
    {
        ["appid"] = "wxd678efh567hg6787", ["mch_id"] = BenchmarkKeys.MchId, ["out_trade_no"] = "1217752501201407033233368018",
    };

    /// <summary>Runs both forms, prints a table, and records the time ratio against the ≤ 1.10× target.</summary>
    public async Task RunAsync(TextWriter output, Headlines headlines)
    {
        var answer = Answer();
        var keys = BenchmarkKeys.Shared;
        var options = new ClientOptions
        {
            MchId = BenchmarkKeys.MchId, Serial = BenchmarkKeys.MerchantSerial, PrivateKey = keys.MerchantKey, ApiV2Key = ApiV2Key,
            Certs = { [BenchmarkKeys.PlatformKeyId] = keys.PlatformPublicKey }, HttpMessageHandler = new XmlAnswer(answer),
        };
        using var library = new WeChatPayClient(options);
        using var baseline = new HandWrittenApiV2Client(new HttpClient(new XmlAnswer(answer)), new Uri(ClientOptions.DefaultBaseUri, "pay/orderquery"), ApiV2Key);
        var request = new { xml = Query };
        var contenders = new (string Name, Func<bool, Task<int>> Call)[]
        {
            ("baseline", isAsync => baseline.PostAsync(Query, isAsync)),
            ("library", async isAsync => (isAsync ? await library.SendAsync(HttpMethod.Post, "v2/pay/orderquery", request) : library.Send(HttpMethod.Post, "v2/pay/orderquery", request)).Body.Length),
        };
        var table = new Table("api", "contender", "us/call", "us/call over baseline", "bytes/call", "time ratio", "alloc ratio");
        for (var warming = Stopwatch.StartNew(); warming.Elapsed < warmup;)
        {
            foreach (var isAsync in new[] { true, false })
                foreach (var (_, call) in contenders) await CallsAsync(call, isAsync, 500);
        }
        foreach (var isAsync in new[] { true, false })
        {
            var api = isAsync ? "async" : "sync";
            var samples = contenders.Select(_ => new List<(double Micros, double Bytes)>()).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which goes first, so neither always runs on a machine the other has just warmed or loaded.
                foreach (var i in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                    samples[i].Add(await MeasureAsync(contenders[i].Call, isAsync));
            }
            for (var i = 0; i < contenders.Length; i++)
            {
                var own = samples[i];
                var timeRatio = Statistics.Median(own.Select((s, r) => s.Micros / samples[0][r].Micros));
                var allocRatio = Statistics.Median(own.Select((s, r) => s.Bytes / samples[0][r].Bytes));
                table.Add(api, contenders[i].Name, Statistics.Median(own.Select(s => s.Micros)), Statistics.Median(own.Select((s, r) => s.Micros - samples[0][r].Micros)),
                    Statistics.Median(own.Select(s => s.Bytes)), timeRatio, allocRatio);
                if (i > 0) headlines.AtMost($"APIv2 in-process {api} library time vs hand-written XML + MD5", timeRatio, 1.10);
            }
        }
        output.WriteLine($"APIv2 pay/orderquery in process, in-memory transport: {rounds} rounds x {callsPerRound} calls per contender and API; medians.");
        table.WriteTo(output);
    }

    private async Task<(double Micros, double Bytes)> MeasureAsync(Func<bool, Task<int>> call, bool isAsync)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await CallsAsync(call, isAsync, callsPerRound);
        var elapsed = Stopwatch.GetElapsedTime(started);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (elapsed.TotalMicroseconds / callsPerRound, (double)allocated / callsPerRound);
    }

    private static async Task CallsAsync(Func<bool, Task<int>> call, bool isAsync, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            if (await call(isAsync) == 0) throw new InvalidOperationException("An empty answer.");
        }
    }

    private static byte[] Answer()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("return_code", "SUCCESS"), new("return_msg", "OK"), new("appid", "wxd678efh567hg6787"), new("mch_id", BenchmarkKeys.MchId),
            new("nonce_str", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"), new("result_code", "SUCCESS"), new("openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
            new("trade_type", "MICROPAY"), new("trade_state", "SUCCESS"), new("bank_type", "CMC"), new("total_fee", "100"), new("fee_type", "CNY"),
            new("transaction_id", "1008450740201411110005820873"), new("out_trade_no", "1217752501201407033233368018"), new("time_end", "20141111170043"),
        };
        fields.Add(new("sign", ApiV2Signature.Sign(fields, ApiV2Key)));
        return Encoding.UTF8.GetBytes(ApiV2Xml.Write(fields));
    }

    /// <summary>Answers every request with the same signed XML, after reading the request body as a server would.</summary>
    private sealed class XmlAnswer(byte[] answer) : HttpMessageHandler
    {
        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Content?.ReadAsStream(cancellationToken).CopyTo(Stream.Null);
            return Message();
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content) await content.CopyToAsync(Stream.Null, cancellationToken);
            return Message();
        }

        private HttpResponseMessage Message() => new(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(answer) { Headers = { { "Content-Type", "text/xml" } } } };
    }
}
