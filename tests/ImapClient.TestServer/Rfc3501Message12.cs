namespace ImapClient.TestServer;

/// <summary>
/// Message 12 of RFC 3501 section 8: the RFC's header verbatim (342 octets, as its BODY[HEADER] shows) and a body of
/// 3028 octets in 92 lines, the size its BODY structure reports. Only RFC822.SIZE differs (3370, not 4286): the RFC's
/// example message evidently had headers its BODY[HEADER] does not show.
/// </summary>
internal static class Rfc3501Message12
{
    public const string Header = """
        Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
        From: Terry Gray <gray@cac.washington.edu>
        Subject: IMAP4rev1 WG mtg summary and minutes
        To: imap@cac.washington.edu
        cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
        Message-Id: <B27397-0100000@cac.washington.edu>
        MIME-Version: 1.0
        Content-Type: TEXT/PLAIN; CHARSET=US-ASCII


        """;

    public const string Body = """
        IMAP4rev1 Working Group meeting summary and minutes
        Montreal IETF, 26 June 1996

        Chair: Terry Gray
        Minutes: Terry Gray, with notes from several attendees

        Summary
        -------

        1. The IMAP4rev1 protocol document is ready for Working Group
           Last Call once the editor folds in the clarifications below.
        2. The ACL and QUOTA extensions move forward as separate
           documents, on their own schedule.
        3. A disconnected-operation guide will be drafted as an
           informational document.

        Agenda
        ------

        - Status of the IMAP4rev1 base document
        - Open issues list and proposed resolutions
        - Extensions: ACL, QUOTA, NAMESPACE
        - Interoperability testing and the next test event
        - Future work

        1. Status of the base document

        Mark Crispin reported that the text is stable and that every
        issue on the open list has a proposed resolution. The group
        reviewed the changes made since the last meeting: the
        BODYSTRUCTURE extension data, the UID command clarifications,
        and the revised formal syntax, which now matches the examples.

        2. Open issues

        a) Mailbox name encoding. Consensus: keep the
           modified UTF-7 convention as written.
        b) The \Recent flag. Consensus: keep it; servers
           that cannot support it may treat every message
           as not recent.
        c) Partial fetch of message text. Consensus: the
           current syntax is sufficient for all known uses.
        d) Server-side searching of international text.
           Deferred to a later extension draft.

        3. Extensions

        ACL: a revised draft will be posted within two weeks.
        Comments should go to the mailing list.

        QUOTA: little discussion; expected to advance together with ACL.

        NAMESPACE: there was general interest in letting clients find
        personal, shared and other users' mailboxes. A draft is invited.

        4. Interoperability testing

        Several implementers described their progress. At least four
        independent clients and three servers are known to implement
        IMAP4rev1. An informal test event will be arranged by e-mail
        before the next IETF meeting; results will go to the list.

        5. Future work

        - disconnected operation guidelines
        - a standard for server-side message filtering
        - better support for very large mailboxes
        - a way for a client to learn of new mail without polling

        6. Liaison with other groups

        The DRUMS and MIME groups were asked to review the use of
        their specifications in the fetch data items. John Klensin
        noted that the Applications Area wants the base document and
        its extensions to be reviewed as a set, so that the
        dependencies between them are clear to implementers before
        they reach Proposed Standard.

        Action items
        ------------

        - Editor: publish the revised base document.
        - Chair: issue Working Group Last Call.
        - ACL authors: post the revised draft.
        - Volunteers: draft NAMESPACE and the disconnected-use guide.

        Attendance was about 100 people. The meeting closed on time.

        Next meeting: San Jose IETF, December 1996. Please send
        agenda items to the chair by mid-November.

        -- Terry Gray

        """;

    public static byte[] Bytes() =>
        System.Text.Encoding.ASCII.GetBytes((Header + Body).ReplaceLineEndings("\r\n"));
}
