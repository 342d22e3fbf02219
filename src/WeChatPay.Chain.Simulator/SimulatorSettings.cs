namespace WeChatPay.Chain.Simulator;

/// <summary>How to start a <see cref="SimulatorServer"/>.</summary>
public sealed class SimulatorSettings
{
    /// <summary>
    /// WeChat Pay's documented notification retry intervals (15 s, 15 s, 30 s, 3 min, 10 min, 20 min, 30 min, 30 min,
    /// 30 min, 60 min, 3 h, 3 h, 3 h, 6 h, 6 h): sixteen tries over about a day.
    /// </summary>
    public static IReadOnlyList<TimeSpan> WeChatPayRetrySchedule { get; } = Array.AsReadOnly(new[]
    {
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30),
        TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3), TimeSpan.FromHours(3),
        TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(6),
    });

    /// <summary>
    /// The profile directory: loaded if it holds a profile, generated if it is missing or empty
    /// (see <see cref="SimulatorProfile.LoadOrCreate"/>).
    /// </summary>
    public string ProfileDirectory { get; set; } = "";

    /// <summary>The port on 127.0.0.1 to listen on; 0 (the default) takes any free port, read back from <see cref="SimulatorServer.BaseUri"/>.</summary>
    public int Port { get; set; }

    /// <summary>Where notifications go for orders created without a <c>notify_url</c>; none are sent for such orders when null.</summary>
    public Uri? NotifyUrl { get; set; }

    /// <summary>
    /// The simulator's clock: request timestamps are checked against it, responses and notifications are stamped with
    /// it, orders expire by it, and retry intervals are waited out on it. Inject one to test expiry without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The wait before each retry of a notification that was not answered 2xx; one retry per entry, so an empty list
    /// means a single try. <see cref="WeChatPayRetrySchedule"/> by default; tests shorten it to milliseconds.
    /// </summary>
    public IReadOnlyList<TimeSpan> NotificationRetrySchedule { get; set; } = WeChatPayRetrySchedule;

    /// <summary>How long one notification try waits for the receiver's answer; 5 seconds, as WeChat Pay waits.</summary>
    public TimeSpan NotificationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Made-up lines added to every bill (<c>v3/bill/tradebill</c>, <c>v3/bill/fundflowbill</c>) on top of the real
    /// ones, so that tests can download a bill of several megabytes (about 250 bytes a trade line). The lines depend
    /// only on the bill date, so a bill's digest stays the same across requests. 0 by default; at most 1,000,000.
    /// </summary>
    public int SyntheticBillRows { get; set; }

    /// <summary>
    /// Sign notifications naming the <c>PUB_KEY_ID_…</c> in <c>Wechatpay-Serial</c>, as WeChat Pay does for merchants in
    /// public-key mode, instead of the platform certificate serial.
    /// </summary>
    public bool SignNotificationsWithPublicKeyId { get; set; }

    /// <summary>
    /// Act for a merchant that has switched to WeChat Pay public-key mode: <c>GET /v3/certificates</c> answers 404
    /// <c>RESOURCE_NOT_EXISTS</c> (there are no platform certificates to download), and every response and notification
    /// is signed under the <c>PUB_KEY_ID_…</c>, whatever the request's <c>Wechatpay-Serial</c> says.
    /// </summary>
    public bool PublicKeyMode { get; set; }

    /// <summary>
    /// Listen with HTTPS instead of HTTP, still on 127.0.0.1: <see cref="SimulatorServer.BaseUri"/> is then
    /// <c>https://127.0.0.1:port/</c>, served with the profile's self-signed certificate
    /// (<see cref="SimulatorProfile.TlsCertificatePath"/>, which clients must trust). Any client certificate is accepted
    /// during the handshake; the APIv2 <c>secapi</c> endpoints then require it to be the merchant's
    /// (<see cref="SimulatorProfile.MerchantCertificatePath"/>), as WeChat Pay's mutual TLS does. Off by default.
    /// </summary>
    public bool Https { get; set; }

    /// <summary>
    /// The one scheme the simulated merchant signs in, when set: <see cref="SignatureScheme.Sm2WithSm3"/> for a 国密
    /// merchant, whose RSA-signed requests are then refused 401 SIGN_ERROR (and the reverse). Null (the default) takes
    /// both, each request answered in its own scheme; either way an order's notifications come in the scheme it was
    /// created in.
    /// </summary>
    public SignatureScheme? Scheme { get; set; }
}
