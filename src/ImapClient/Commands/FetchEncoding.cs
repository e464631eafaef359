using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>The command line shared by the buffered and the streaming FETCH.</summary>
internal static class FetchEncoding
{
    public static void Encode(CommandBuilder builder, ICommandContext context, string name, SequenceSet set, FetchRequest request)
    {
        if (request.UsesBinary && !context.Capabilities.Contains("BINARY"))
        {
            throw new NotSupportedException("The request asks for BINARY[…], which this server does not offer (RFC 3516); use BODY[…] and decode the part.");
        }

        if (request.ChangedSince is not null && !context.Capabilities.Contains("CONDSTORE") && !context.Capabilities.Contains("QRESYNC"))
        {
            throw new NotSupportedException("CHANGEDSINCE needs CONDSTORE (RFC 7162), which this server does not offer.");
        }

        if (request.Vanished && (request.ChangedSince is null || !name.StartsWith("UID", StringComparison.Ordinal) || !context.QresyncEnabled))
        {
            throw new InvalidOperationException("VANISHED needs CHANGEDSINCE, a UID FETCH, and QRESYNC enabled first (EnableAsync(\"QRESYNC\")).");
        }

        builder.Raw(name).Space().Set(set).Space();
        request.WriteTo(builder);
        builder.EndLine();
    }
}
