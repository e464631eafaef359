using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>CAPABILITY: the session records the answer as it arrives; the command returns it.</summary>
internal sealed class CapabilityCommand : ImapCommand<ImapCapabilities>
{
    private ImapCapabilities? _capabilities;

    public override string Name => "CAPABILITY";

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("CAPABILITY"u8).EndLine();

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "CAPABILITY";

    public override bool TryClaim(ImapResponse response)
    {
        if (response is ImapCapabilityResponse capability)
        {
            _capabilities = capability.Capabilities;
            return true;
        }

        return false;
    }

    protected override ImapCapabilities BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        _capabilities ?? completion.Code?.Capabilities ?? context.Capabilities;
}
