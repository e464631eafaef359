using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// ENABLE (RFC 5161). It changes how later commands are encoded and responses read (UTF-8 names, IMAP4rev2), so it
/// runs alone: nothing encoded under the old rules may be on the wire while the server switches.
/// </summary>
internal sealed class EnableCommand(IReadOnlyList<string> capabilities) : ImapCommand<ImapCapabilities>
{
    private readonly List<string> _enabled = [];
    private bool _answered;

    public override string Name => "ENABLE";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Authenticated;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw("ENABLE"u8);
        foreach (var capability in capabilities)
        {
            builder.Space().Raw(capability);
        }

        builder.EndLine();
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapEnabledResponse enabled)
        {
            return false;
        }

        _enabled.AddRange(enabled.Capabilities.All);
        _answered = true;
        return true;
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "ENABLED";

    protected override ImapCapabilities BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        if (!_answered && (context.Quirks & ImapQuirks.EnableWithoutEnabled) != 0)
        {
            // An OK without ENABLED: the server switched on what it offers of what was asked (ImapQuirks.EnableWithoutEnabled).
            var offered = context.Capabilities;
            _enabled.AddRange(capabilities.Where(offered.Contains));
        }

        var enabled = new ImapCapabilities(_enabled);
        context.RecordEnabled(enabled);
        return enabled;
    }
}
