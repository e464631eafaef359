using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>The command line shared by the buffered and the streaming FETCH.</summary>
internal static class FetchEncoding
{
    public static void Encode(CommandBuilder builder, ImapSession session, string name, SequenceSet set, FetchRequest request)
    {
        if (request.UsesBinary && !session.Capabilities.Contains("BINARY"))
        {
            throw new InvalidOperationException("The request asks for BINARY[…], which this server does not offer (RFC 3516); use BODY[…] and decode the part.");
        }

        builder.Raw(name).Space().Raw(set.ToString()).Space().Raw(request.Encode()).EndLine();
    }
}
