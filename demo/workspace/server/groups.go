// Package groups maps product features to their Chat groups.
package groups

const (
	// AnnouncementsGroupID is the Public group the release bot posts to.
	AnnouncementsGroupID = "@TGS#1NVTZEAE4"
	// WeeklySyncGroupID is the Meeting group of the Monday call.
	WeeklySyncGroupID = "@TGS#1CXTZEAET"
)

// Escalation lists the groups an on-call alert is sent to, in order.
var Escalation = []string{"@TGS#2C5SZEAEF", "@TGS#2W3RFZLKA"}
