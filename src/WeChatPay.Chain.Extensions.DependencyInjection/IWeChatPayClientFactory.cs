using WeChatPay.Chain.Client;
namespace WeChatPay.Chain.Extensions.DependencyInjection;

/// <summary>
/// The clients registered with <c>services.AddWeChatPay(name, …)</c>, by name: one merchant each, several side by side.
/// </summary>
public interface IWeChatPayClientFactory
{
    /// <summary>
    /// The client registered under <paramref name="name"/> ("" for the unnamed one). Built on first use, with its keys
    /// loaded then, and the same instance on every later call: keep it or ask again, both are cheap.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// No client has that name, or its settings are missing or unusable; the message names the client and the setting.
    /// </exception>
    WeChatPayClient Get(string name);
}
