using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using WeChatPay.Chain.Simulator.Control;
using WeChatPay.Chain.Simulator.Faults;
using WeChatPay.Chain.Simulator.Http;
using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Notifications;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.Profiles;
using WeChatPay.Chain.Simulator.Transactions;

namespace WeChatPay.Chain.Simulator;

/// <summary>
/// A local WeChat Pay (APIv3, and the most used of APIv2) on 127.0.0.1, over HTTP or HTTPS, with its own keys, for
/// development and tests without credentials or network.
/// </summary>
/// <remarks>
/// <para>
/// Modelled: request authentication exactly as WeChat Pay checks it (Authorization parameters in any order, merchant id,
/// certificate serial, ±300 s timestamp window, RSA-SHA256 over the raw request-target and raw body), 401 SIGN_ERROR
/// with <c>detail.sign_information</c>; every answer signed with the platform key, under the certificate serial or,
/// when the request's <c>Wechatpay-Serial</c> names it, the <c>PUB_KEY_ID_…</c>; <c>Request-ID</c> on every answer;
/// <c>GET /v3/certificates</c>; smart-retail payscore orders (create, query, cancel, complete) with their states,
/// validation, idempotent re-creation and one-hour expiry; the user's confirm and pay as control endpoints and methods;
/// signed, encrypted notifications retried on WeChat Pay's schedule; profit-sharing receivers (add, delete) whose
/// <c>name</c> must be encrypted for the platform key that <c>Wechatpay-Serial</c> names and is echoed encrypted for
/// the merchant; the four media uploads, signed over the <c>meta</c> part, with their SHA-256, extension and size
/// checks; trade and fund-flow bills applied for with a SHA-1 digest and downloaded, unsigned, from a five-minute URL;
/// statements signed over their SHA-1; complaint images downloaded unsigned; JSAPI orders paid by the simulated user
/// with the front end's <c>paySign</c> parameters, checked against the merchant's public key; and a merchant in
/// public-key mode (<see cref="SimulatorSettings.PublicKeyMode"/>).
/// </para>
/// <para>
/// 国密, beside RSA: a request signed <c>WECHATPAY2-SM2-WITH-SM3</c> with the merchant's SM2 key and SM2 certificate
/// serial is checked with SM2 over SM3 and answered signed with the SM2 platform key under its serial;
/// <c>GET /v3/certificates?algorithm_type=SM2</c> hands out the SM2 platform certificate encrypted with AEAD_SM4_GCM;
/// orders created in 国密 send their notifications SM2-signed with AEAD_SM4_GCM resources; sensitive fields encrypted
/// for the SM2 platform key (named in <c>Wechatpay-Serial</c>) are decrypted with it and echoed SM2-encrypted for the
/// merchant. <see cref="SimulatorSettings.Scheme"/> makes the merchant 国密-only (or RSA-only).
/// </para>
/// <para>
/// APIv2, modelled: <c>pay/micropay</c>, <c>pay/unifiedorder</c>, <c>pay/orderquery</c>, <c>pay/closeorder</c>,
/// <c>secapi/pay/refund</c>, <c>pay/refundquery</c>, <c>pay/downloadbill</c> and <c>pay/downloadfundflow</c>, POSTs of
/// XML read as hostile input, with HTTP 200 for success
/// and failure alike. A request must name this merchant in <c>mch_id</c> and carry <c>appid</c>, <c>nonce_str</c> and a
/// <c>sign</c> made with <see cref="SimulatorProfile.ApiV2Key"/> (MD5, or HMAC-SHA256 when <c>sign_type</c> says so);
/// otherwise <c>return_code</c> FAIL (<c>签名错误</c> and <c>err_code</c> SIGNERROR for a bad sign; a missing field is
/// named). Taken calls are answered signed with the request's sign type; refusals and bills are not. Micropay pays at
/// once, or, for an <c>auth_code</c> ending in 0000, answers USERPAYING and is found paid by the second
/// <c>pay/orderquery</c> (<see cref="SimulatedAuthCodes"/>). Unified orders stay NOTPAY until closed; refunds of paid
/// orders are taken at once, in parts up to the total, and only over HTTPS (<see cref="SimulatorSettings.Https"/>) with
/// the merchant certificate as the TLS client certificate; <c>pay/refundquery</c> lists them. Bills list the day's APIv2
/// payments and refunds, or answer <c>No Bill Exist</c>; the fund flow, over mutual TLS and signed with HMAC-SHA256,
/// lists them as the basic account's incomes and expenses.
/// </para>
/// <para>
/// Not modelled: any other API (404 RESOURCE_NOT_EXISTS), the other APIv2 endpoints (reverse,
/// red packets, transfers…) and APIv2 payment and refund notifications, the payer paying a unified
/// order, APIv2 sandbox keys, partner (service provider) mode, real deductions, APIv3 refunds and profit sharing
/// (<c>profit_sharing</c> is only recorded; receivers are only stored), bills that wait for
/// the next morning or do not exist (every day has one), the <c>WECHATPAY/SIGNTEST/</c> probe signatures, platform
/// certificate rotation, an SM2 WeChat Pay public key (public-key mode is RSA), a JSAPI <c>paySign</c> in SM2, and the
/// checks WeChat Pay makes against its own records (that the appid is bound to the merchant, that the service id
/// exists, that the user has enabled payscore). Outages, rate limits, 202 answers, gateway pages, slow answers and
/// dropped connections happen only when a test injects them (<see cref="InjectFault"/>).
/// </para>
/// </remarks>
public sealed class SimulatorServer : IAsyncDisposable
{
    /// <summary>A million lines make a bill of about 250 MB, held in memory while its download URL is valid.</summary>
    private const int MaxSyntheticBillRows = 1_000_000;

    private readonly WebApplication _app;
    private readonly NotificationDispatcher _notifications;
    private readonly ControlOperations _operations;
    private readonly SimulatorState _state;
    private readonly FaultInjector _faults;
    private readonly X509Certificate2? _tlsCertificate;
    private int _stopped;

    private readonly ConnectionTally _connections;

    private SimulatorServer(WebApplication app, SimulatorProfile profile, NotificationDispatcher notifications, ControlOperations operations, SimulatorState state, FaultInjector faults, ConnectionTally connections, X509Certificate2? tlsCertificate)
    {
        _tlsCertificate = tlsCertificate;
        _connections = connections;
        _app = app;
        Profile = profile;
        _notifications = notifications;
        _operations = operations;
        _state = state;
        _faults = faults;
        BaseUri = profile.BaseUri!;
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:54321/</c> (<c>https://…</c> with <see cref="SimulatorSettings.Https"/>); give it to <see cref="Chain.Client.ClientOptions.BaseUri"/>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The merchant and keys this simulator answers for; <see cref="SimulatorProfile.ToClientOptions"/> makes a client for it.</summary>
    public SimulatorProfile Profile { get; }

    /// <summary>
    /// TCP connections accepted since start. A client that pools connections opens about as many as it has calls in
    /// flight at once; one that opens a connection per call makes this grow with every call.
    /// </summary>
    public int AcceptedConnections => Volatile.Read(ref _connections.Accepted);

    /// <summary>Every notification try so far, oldest first.</summary>
    public IReadOnlyList<NotificationAttempt> NotificationAttempts => _notifications.Attempts;

    /// <summary>Every order so far, oldest first, as it stands now.</summary>
    public IReadOnlyList<SmartRetailOrderView> Orders => _state.Orders.Snapshot();

    /// <summary>
    /// The profit-sharing receivers added and not deleted, in the order they were first added, with <c>name</c> as the
    /// simulator decrypted it, so a test can see that a client encrypted it right.
    /// </summary>
    public IReadOnlyList<ProfitSharingReceiverView> ProfitSharingReceivers => _state.Receivers.Snapshot();

    /// <summary>Every file accepted on an upload API so far, oldest first: its API, name, SHA-256, length and the id or URL answered.</summary>
    public IReadOnlyList<UploadedMediaView> UploadedMedia => _state.Media.Snapshot();

    /// <summary>Raised after each notification try, on a background thread. A handler's exception is ignored.</summary>
    public event EventHandler<NotificationAttempt>? NotificationAttempted;

    /// <summary>Raised after each request is answered, on a request thread, for a transcript. A handler's exception is ignored.</summary>
    public event EventHandler<SimulatorExchange>? RequestHandled;

    /// <summary>
    /// Loads or generates the profile, starts Kestrel on 127.0.0.1 and records the address in the profile's
    /// <c>baseUri</c>. ASP.NET Core logs nothing; observe <see cref="RequestHandled"/> for a transcript.
    /// </summary>
    /// <exception cref="ArgumentException">Settings are unusable (no profile directory, a port out of range, a negative interval).</exception>
    /// <exception cref="ConfigurationException">
    /// The profile directory holds an unusable profile, or a profile cannot be created or updated there (it is not
    /// writable), or <see cref="SimulatorSettings.Https"/> is set and the profile's HTTPS certificate cannot be used.
    /// </exception>
    /// <exception cref="IOException">The port is taken; a profile generated for this start is removed again.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        var generated = FreshProfile.Before(settings.ProfileDirectory);
        var profile = SimulatorProfile.LoadOrCreate(settings.ProfileDirectory, settings.TimeProvider);
        var tls = settings.Https ? ServerTlsCertificate.Load(profile.TlsCertificatePath, profile.TlsPrivateKeyPath) : null;
        var time = settings.TimeProvider;

        SimulatorServer? server = null;
        var connections = new ConnectionTally();
        var signer = new ResponseSigner(profile, time);
        var notifications = new NotificationDispatcher(profile, signer, settings, attempt => server?.NotificationAttempted?.Invoke(server, attempt));
        var state = new SimulatorState(time, profile);
        var operations = new ControlOperations(new UserActions(state.Orders, time, profile.MchId), notifications, settings.NotifyUrl);
        var faults = new FaultInjector();
        var pipeline = new SimulatorPipeline(profile, settings, state, operations, faults, exchange => server?.RequestHandled?.Invoke(server, exchange));

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, settings.Port, listen =>
            {
                listen.Use(next => connection =>
                {
                    Interlocked.Increment(ref connections.Accepted);
                    return next(connection);
                });
                if (tls is not null) listen.UseHttps(Https(tls));
            });
        });
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            profile.SaveBaseUri(new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            // Nothing may keep listening when the caller gets an exception instead of a server to stop.
            await notifications.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            tls?.Dispose();
            // Keys made for a server that never ran are not left behind: the next try starts as clean as this one did.
            generated?.Discard();
            throw;
        }

        server = new SimulatorServer(app, profile, notifications, operations, state, faults, connections, tls);
        return server;
    }

    /// <summary>Plays the user confirming the order: CREATED → USER_ACCEPTED, and sends PAYSCORE.USER_CONFIRM.</summary>
    /// <exception cref="SimulatedOrderException">No such order, or it is not CREATED.</exception>
    public Task<SmartRetailOrderView> AcceptOrderAsync(string outOrderNo, CancellationToken cancellationToken = default)
        => Control(() => _operations.Accept(outOrderNo).Order, cancellationToken);

    /// <summary>Plays the deduction succeeding: FINISHED → USER_PAID, and sends PAYSCORE.USER_PAID.</summary>
    /// <exception cref="SimulatedOrderException">No such order, or it is not FINISHED.</exception>
    public Task<SmartRetailOrderView> PayOrderAsync(string outOrderNo, CancellationToken cancellationToken = default)
        => Control(() => _operations.Pay(outOrderNo).Order, cancellationToken);

    /// <summary>
    /// Plays the user paying a JSAPI order in WeChat's cashier with the parameters the merchant's page received
    /// (<see cref="Protocol.PaySign.ForJsapi"/>): checks them as WeChat does — <c>paySign</c> against the merchant's public
    /// key over <c>appId\ntimeStamp\nnonceStr\npackage\n</c>, the prepay id known and under two hours old, the appid the
    /// order's — and marks the order paid. The same as <c>POST /simulator/pay/jsapi</c> with the parameters as JSON.
    /// </summary>
    /// <exception cref="SimulatedOrderException">A parameter is wrong (<c>PARAM_ERROR</c> naming it), or the order is paid already (<c>ORDERPAID</c>).</exception>
    public Task<JsapiTransactionView> PayJsapiAsync(Protocol.JsapiPayParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Control(() => _state.JsapiTransactions.Pay(new JsapiPayment(parameters.AppId, parameters.TimeStamp, parameters.NonceStr, parameters.Package, parameters.SignType, parameters.PaySign)), cancellationToken);
    }

    /// <summary>
    /// The APIv2 order (<c>pay/micropay</c>, <c>pay/unifiedorder</c>) with this <c>out_trade_no</c> as it stands now, or
    /// null. Unlike <c>pay/orderquery</c>, looking does not move a micropay that waits for the payer's password.
    /// </summary>
    public ApiV2OrderView? FindApiV2Order(string outTradeNo)
    {
        ArgumentNullException.ThrowIfNull(outTradeNo);
        return _state.ApiV2Orders.View(outTradeNo);
    }

    /// <summary>The JSAPI order with this <c>out_trade_no</c> as it stands now, or null.</summary>
    public JsapiTransactionView? FindJsapiTransaction(string outTradeNo) => _state.JsapiTransactions.Find(outTradeNo);

    /// <summary>
    /// Plays a user attaching an image to a complaint: the merchant can then download it, unsigned, with a signed
    /// <c>GET</c> of its <see cref="ComplaintImage.MediaUrl"/>. The same as <c>POST /simulator/complaint-images?filename=…</c>.
    /// </summary>
    /// <param name="content">The image bytes, served back exactly.</param>
    /// <param name="fileName">A name ending in .jpg, .jpeg, .png or .bmp; it sets the <c>Content-Type</c>.</param>
    /// <exception cref="ArgumentException">The image is empty or the name is not an image's.</exception>
    public ComplaintImage AddComplaintImage(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var id = _state.ComplaintImages.Add(content, fileName);
        return new ComplaintImage(id, ComplaintImages.Url(BaseUri, id));
    }

    /// <summary>
    /// Plays <paramref name="fault"/> on the next <paramref name="times"/> <c>/v3</c> requests it catches (see
    /// <see cref="SimulatedFault.PathPrefix"/>) whose signature checks out. Faults wait in the order given; a request
    /// takes at most one. The same as <c>POST /simulator/faults</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="times"/> is not positive.</exception>
    public void InjectFault(SimulatedFault fault, int times = 1) => _faults.Add(fault, times);

    /// <summary>Drops every fault still waiting; those already played stay counted in <see cref="FaultsInjected"/>.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>How many requests have taken an injected fault so far.</summary>
    public int FaultsInjected => _faults.Injected;

    /// <summary>How many more requests the waiting faults will take, all together.</summary>
    public int FaultsPending => _faults.Pending;

    /// <summary>The order with this <c>out_order_no</c> as it stands now, or null.</summary>
    public SmartRetailOrderView? FindOrder(string outOrderNo)
    {
        try
        {
            return _state.Orders.WithOrder(outOrderNo, order => order.ToView());
        }
        catch (ApiError)
        {
            return null;
        }
    }

    /// <summary>Waits until every notification started so far has been answered 2xx or has used up its retries.</summary>
    public Task WaitForNotificationsAsync(CancellationToken cancellationToken = default) => _notifications.WaitForIdleAsync(cancellationToken);

    /// <summary>Stops listening and stops notification deliveries. Safe to call more than once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _notifications.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _tlsCertificate?.Dispose();
    }

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Names the merchant and the address only.</summary>
    public override string ToString() => $"WeChat Pay simulator for mchid {Profile.MchId} at {BaseUri}";

    /// <summary>Runs a user's action; a refusal comes back as the <see cref="SimulatedOrderException"/> of the returned task.</summary>
    private static Task<T> Control<T>(Func<T> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(action());
        }
        catch (ApiError e)
        {
            return Task.FromException<T>(new SimulatedOrderException(e.Code, e.Message));
        }
    }

    /// <summary>
    /// TLS with the profile's server certificate. Any client certificate, or none, passes the handshake: the endpoints
    /// that need the merchant's compare it themselves, so a wrong one gets an APIv2 answer that says so rather than a
    /// failed handshake that says nothing.
    /// </summary>
    private static HttpsConnectionAdapterOptions Https(X509Certificate2 certificate) => new()
    {
        ServerCertificate = certificate,
        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
        ClientCertificateValidation = (_, _, _) => true,
    };

    private static void Validate(SimulatorSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.ProfileDirectory))
            throw new ArgumentException("ProfileDirectory is not set: give a directory to keep the simulated merchant's keys in (it is created if missing).", nameof(settings));
        if (settings.Port is < 0 or > IPEndPoint.MaxPort)
            throw new ArgumentException($"Port {settings.Port} is not a TCP port; use 0 for any free port.", nameof(settings));
        ArgumentNullException.ThrowIfNull(settings.TimeProvider, nameof(settings.TimeProvider));
        ArgumentNullException.ThrowIfNull(settings.NotificationRetrySchedule, nameof(settings.NotificationRetrySchedule));
        if (settings.NotificationRetrySchedule.Any(interval => interval < TimeSpan.Zero))
            throw new ArgumentException("NotificationRetrySchedule has a negative interval.", nameof(settings));
        if (settings.NotificationTimeout <= TimeSpan.Zero)
            throw new ArgumentException("NotificationTimeout must be positive.", nameof(settings));
        if (settings.SyntheticBillRows is < 0 or > MaxSyntheticBillRows)
            throw new ArgumentException($"SyntheticBillRows is {settings.SyntheticBillRows}; give 0 to {MaxSyntheticBillRows}.", nameof(settings));
        if (settings.NotifyUrl is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
            throw new ArgumentException("NotifyUrl must be an absolute http or https URL.", nameof(settings));
    }

    /// <summary>The count of accepted connections, shared by Kestrel's connection middleware and the server.</summary>
    private sealed class ConnectionTally
    {
        public int Accepted;
    }
}
