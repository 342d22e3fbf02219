using WeChatPay.Chain.Simulator.ApiV2;
using WeChatPay.Chain.Simulator.Media;
using WeChatPay.Chain.Simulator.Orders;
using WeChatPay.Chain.Simulator.ProfitSharing;
using WeChatPay.Chain.Simulator.Transactions;

namespace WeChatPay.Chain.Simulator;

/// <summary>What one running simulator remembers, shared by its API handlers, its control endpoints and <see cref="SimulatorServer"/>.</summary>
internal sealed class SimulatorState
{
    public SimulatorState(TimeProvider time, SimulatorProfile profile)
    {
        Orders = new SmartRetailOrderStore(time);
        JsapiTransactions = new JsapiTransactionStore(profile, time);
    }

    public SmartRetailOrderStore Orders { get; }

    public ProfitSharingReceiverStore Receivers { get; } = new();

    public MediaStore Media { get; } = new();

    public ComplaintImages ComplaintImages { get; } = new();

    public JsapiTransactionStore JsapiTransactions { get; }

    public ApiV2OrderStore ApiV2Orders { get; } = new();
}
