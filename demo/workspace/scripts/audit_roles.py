"""Nightly audit: who may moderate the community and the Apollo project group."""

# A Community group: its ID starts with @TGS#_
COMMUNITY_GROUP_ID = "@TGS#_@TGS#cQVLVHIM62CJ"

# A group created with a custom ID (any printable ASCII, not starting with @TGS#).
# Custom IDs are not recognisable by pattern: select the text (or put the cursor inside the quotes).
APOLLO_GROUP_ID = "project-apollo-team"

# The launch livestream is an AVChatRoom: get_role_in_group does not support that group type (10007).
LIVESTREAM_GROUP_ID = "@TGS#aJ6HQ4FXF"

MODERATORS = ["mallory", "niaj", "olivia", "peter", "wesley"]


def groups_to_audit():
    return [COMMUNITY_GROUP_ID, APOLLO_GROUP_ID, LIVESTREAM_GROUP_ID]
