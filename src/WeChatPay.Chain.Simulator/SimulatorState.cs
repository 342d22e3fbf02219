using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.ProfitSharing;

namespace WeChatPay.Chain.Simulator;

/// <summary>What one running simulator remembers, shared by its API handlers, its control endpoints and <see cref="SimulatorServer"/>.</summary>
internal sealed class SimulatorState
{
    public SimulatorState(TimeProvider time)
    {
        Orders = new SmartRetailOrderStore(time);
    }

    public SmartRetailOrderStore Orders { get; }

    public ProfitSharingReceiverStore Receivers { get; } = new();

    public MediaStore Media { get; } = new();

    public ComplaintImages ComplaintImages { get; } = new();
}
