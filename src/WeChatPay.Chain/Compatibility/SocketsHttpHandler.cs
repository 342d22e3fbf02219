namespace WeChatPay.Chain.Compatibility;

/// <summary>
/// Stands in for .NET 10's <c>SocketsHttpHandler</c>, which netstandard2.0 lacks: an <see cref="HttpClientHandler"/>, whose
/// connections live as the platform decides, so <see cref="PooledConnectionLifetime"/> is kept but has no effect.
/// </summary>
internal sealed class SocketsHttpHandler : HttpClientHandler
{
    /// <summary>Accepted for the same code on both builds; an <see cref="HttpClientHandler"/> has no such setting.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; }

    /// <summary>
    /// How long closing a response whose body was not read waits to drain it for reuse. An <see cref="HttpClientHandler"/>
    /// has no such setting; on .NET Core it sends through a <c>SocketsHttpHandler</c> of its own, whose setting this
    /// passes on where the runtime has one (so that a synchronous call past its deadline does not wait two seconds more);
    /// on .NET Framework there is none, and nothing is set.
    /// </summary>
    public TimeSpan ResponseDrainTimeout
    {
        get => Underlying() is var (handler, setting) ? (TimeSpan)setting.GetValue(handler)! : TimeSpan.FromSeconds(2);
        set
        {
            if (Underlying() is var (handler, setting)) setting.SetValue(handler, value);
        }
    }

    /// <summary>The runtime's own handler under this one and its drain setting, where it has them.</summary>
    private (object Handler, System.Reflection.PropertyInfo Setting)? Underlying()
    {
        var handler = typeof(HttpClientHandler)
            .GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)
            .FirstOrDefault(candidate => candidate.FieldType.Name == "SocketsHttpHandler")?.GetValue(this);
        return handler?.GetType().GetProperty("ResponseDrainTimeout") is { } setting ? (handler, setting) : null;
    }

    /// <summary>Where .NET 10 takes the client certificates of mutual TLS; here they go to the handler's own list.</summary>
    public TlsOptions SslOptions => new(this);

    /// <summary>Stands in for <c>SslClientAuthenticationOptions</c>, for its client certificates only.</summary>
    internal sealed class TlsOptions(HttpClientHandler handler)
    {
        /// <summary>Decides whether a server certificate is accepted; called with the platform's verdict. Set only.</summary>
        public System.Net.Security.RemoteCertificateValidationCallback? RemoteCertificateValidationCallback
        {
            set => handler.ServerCertificateCustomValidationCallback = value is null ? null : (message, certificate, chain, errors) => value(message, certificate, chain, errors);
        }

        /// <summary>The certificates presented when the server asks for one.</summary>
        public System.Security.Cryptography.X509Certificates.X509CertificateCollection ClientCertificates
        {
            get => handler.ClientCertificates;
            set
            {
                handler.ClientCertificateOptions = ClientCertificateOption.Manual;
                handler.ClientCertificates.AddRange(value);
            }
        }
    }
}
