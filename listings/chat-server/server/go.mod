module example.com/gotorust/chat-server/server

go 1.27

require github.com/gorilla/websocket v1.5.3
