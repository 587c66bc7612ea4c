from danvan import navigation

navigation.register("Nhật ký thư", "notifications:mail_log", roles=("province_staff",), order=85)
