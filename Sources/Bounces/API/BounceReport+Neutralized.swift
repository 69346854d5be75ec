import Sanitizer

extension BounceReport {
    /// The report as it may be shown: every string through ``TextSanitizer`` (no line cut), for the
    /// encoders other than ``jsonLine(extraFields:)``, which neutralises as it writes.
    public func neutralized() -> BounceReport {
        func clean(_ text: String) -> String { TextSanitizer.neutralize(text, maxLine: nil) }
        var copy = self
        copy.reportingMTA = reportingMTA.map(clean)
        copy.originalMessageID = originalMessageID.map(clean)
        copy.originalSubject = originalSubject.map(clean)
        copy.sender = sender.map(clean)
        copy.problem = problem.map(clean)
        copy.recipients = recipients.map { recipient in
            var recipient = recipient
            recipient.address = clean(recipient.address)
            recipient.action = clean(recipient.action)
            recipient.status = clean(recipient.status)
            recipient.replyCode = clean(recipient.replyCode)
            recipient.reason = clean(recipient.reason)
            recipient.remoteMTA = clean(recipient.remoteMTA)
            recipient.diagnostic = clean(recipient.diagnostic)
            recipient.command = clean(recipient.command)
            recipient.feedbackType = clean(recipient.feedbackType)
            recipient.remoteServer = clean(recipient.remoteServer)
            recipient.remoteIP = clean(recipient.remoteIP)
            recipient.reportingServer = clean(recipient.reportingServer)
            recipient.blockedIP = clean(recipient.blockedIP)
            recipient.sendingDomain = clean(recipient.sendingDomain)
            recipient.serverText = clean(recipient.serverText)
            return recipient
        }
        return copy
    }
}
