using System.Net;

namespace WeChatPay.Chain.Simulator.Http;

/// <summary>
/// The control endpoints move orders on the user's behalf with no signature at all, so they must never be reachable
/// from another machine, even if someone binds the simulator to a wider address.
/// </summary>
internal static class LoopbackGuard
{
    public static bool Allows(IPAddress? remote) => remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
